// Campaign progress is shown on cached pages. A confirmed donation asks every instance to drop its cached
// pages, but at most once per interval: during a viral campaign, hundreds of donations a minute must not
// empty the cache hundreds of times. The first donation announces at once; the rest are gathered into one
// announcement at the end of the interval.
import type { ContentEvents } from '../storage/content-events.js';
import { SUPPORT_TAG } from './cta.js';

export interface PageRefresher {
  donationRecorded(): void;
  close(): void;
}

export function throttledPageRefresh(
  events: ContentEvents,
  intervalMs: number,
  now: () => number = Date.now,
): PageRefresher {
  let last = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;

  const announce = () => {
    timer = null;
    last = now();
    // A failed announcement (Redis away) only delays fresh numbers; the page cache also expires by itself.
    events.changed([SUPPORT_TAG]).catch(() => {});
  };

  return {
    donationRecorded() {
      if (timer) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) return announce();
      timer = setTimeout(announce, wait);
      timer.unref();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
