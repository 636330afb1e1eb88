// The import's collector is called only once the heap has grown by the slack since the last collection.
import { describe, expect, it } from 'vitest';
import { heapKeeper } from './heap-keeper.js';

describe('heapKeeper', () => {
  it('collects once the heap has grown past the slack, and not before', () => {
    let collections = 0;
    const between = heapKeeper(
      () => {
        collections++;
      },
      8 * 1024 * 1024,
    );
    between();
    expect(collections).toBe(0);
    // Some 24 MB held at once (three million numbers): past the 8 MB of slack.
    const held = Array.from({ length: 3_000_000 }, (_, i) => i * 1.5);
    between();
    expect(held).toHaveLength(3_000_000);
    expect(collections).toBe(1);
  });

  it('does nothing in a process without a collector to call', () => {
    expect(() => heapKeeper(undefined)()).not.toThrow();
  });
});
