// The upload's own sentences, apart from the whole flow (routes.test.ts runs that through the app).
import { describe, expect, it } from 'vitest';
import { tooLargeMessage } from './upload.js';

describe('the too-large message', () => {
  it('names the size when the browser declared it, and the limit always', () => {
    expect(tooLargeMessage(52 * 1024 * 1024 + 4000)).toBe('That file is 52 MB; the limit is 40 MB.');
    expect(tooLargeMessage(null)).toBe('That file is larger than the 40 MB limit.');
    // A request barely over the limit would round down to "40 MB; the limit is 40 MB".
    expect(tooLargeMessage(40 * 1024 * 1024 + 10)).toBe('That file is larger than the 40 MB limit.');
  });
});
