// sharp as the server uses it: set up once for a small server, however many images ask for it at once.
// That a start never loads it is held by test/architecture/module-graph.test.ts.
import { describe, expect, it } from 'vitest';
import { loadSharp } from './load-sharp.js';

describe('loadSharp', () => {
  it('sets sharp up once: one thread per image, no cache of decoded images', async () => {
    const [first, second] = await Promise.all([loadSharp(), loadSharp()]);
    expect(first).toBe(second);
    expect(first.concurrency()).toBe(1);
    expect(first.cache()).toMatchObject({ memory: { max: 0 }, files: { max: 0 }, items: { max: 0 } });
  });
});
