// Campaign progress on cached pages: many donations in a minute empty the caches at most twice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localContentEvents } from '../storage/content-events.js';
import { SUPPORT_TAG } from './cta.js';
import { throttledPageRefresh } from './page-refresh.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('throttledPageRefresh', () => {
  it('announces the first donation at once and gathers the rest of the minute into one announcement', async () => {
    vi.useFakeTimers({ now: 0 });
    const events = localContentEvents();
    const reasons: string[] = [];
    events.onChange((tags) => reasons.push(tags.join(' ')));
    const refresher = throttledPageRefresh(events, 60_000, () => Date.now());

    refresher.donationRecorded();
    expect(reasons).toEqual([SUPPORT_TAG]);
    for (let i = 0; i < 200; i++) {
      vi.advanceTimersByTime(100);
      refresher.donationRecorded();
    }
    expect(reasons).toHaveLength(1);
    vi.advanceTimersByTime(60_000);
    expect(reasons).toEqual([SUPPORT_TAG, SUPPORT_TAG]);
    vi.advanceTimersByTime(10 * 60_000);
    expect(reasons).toHaveLength(2);

    // Quiet for a long while: the next donation is announced without waiting.
    refresher.donationRecorded();
    expect(reasons).toHaveLength(3);
    refresher.close();
  });

  it('drops a pending announcement when closed', () => {
    vi.useFakeTimers({ now: 0 });
    const events = localContentEvents();
    const reasons: string[] = [];
    events.onChange((tags) => reasons.push(tags.join(' ')));
    const refresher = throttledPageRefresh(events, 60_000, () => Date.now());
    refresher.donationRecorded();
    refresher.donationRecorded();
    refresher.close();
    vi.advanceTimersByTime(120_000);
    expect(reasons).toHaveLength(1);
  });
});
