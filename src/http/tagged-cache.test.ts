// The tagged cache under pages, stories and comment threads: an entry stays until something it shows
// changes, a render that read before a change is never kept, and memory stays within its bytes.
import { describe, expect, it } from 'vitest';
import { EVERYTHING, TaggedCache } from './tagged-cache.js';

const text = (maxBytes: number, ttlMs = 60_000, now?: () => number) =>
  new TaggedCache<{ html: string }>({ maxBytes, ttlMs, sizeOf: (v) => v.html.length, now });

describe('TaggedCache', () => {
  it('keeps an entry until one of its tags is invalidated; entries with other tags stay', () => {
    const cache = text(1000);
    cache.set('/a', { html: 'A' }, ['article:1', 'latest']);
    cache.set('/b', { html: 'B' }, ['article:2']);
    cache.invalidate(['article:1']);
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.get('/b')?.html).toBe('B');
    cache.invalidate([EVERYTHING]);
    expect(cache.size).toBe(0);
  });

  it('does not keep a render that began before something it shows changed', () => {
    const cache = text(1000);
    const stamp = cache.stamp();
    cache.invalidate(['comments:1']); // a comment was approved while the render was reading
    cache.set('/a', { html: 'stale' }, ['comments:1'], stamp);
    expect(cache.get('/a')).toBeUndefined();
    // A change to something else does not spoil it.
    const other = cache.stamp();
    cache.invalidate(['comments:2']);
    cache.set('/a', { html: 'fresh' }, ['comments:1'], other);
    expect(cache.get('/a')?.html).toBe('fresh');
    const late = cache.stamp();
    cache.invalidate([EVERYTHING]);
    cache.set('/a', { html: 'stale' }, ['comments:1'], late);
    expect(cache.get('/a')).toBeUndefined();
  });

  it('holds at most its bytes, dropping the least recently used; forgets entries after their time', () => {
    let now = 5000;
    const cache = text(10, 1000, () => now);
    cache.set('a', { html: 'aaaa' }, ['x']);
    cache.set('b', { html: 'bbbb' }, ['x']);
    cache.get('a');
    cache.set('c', { html: 'cccc' }, ['y']);
    expect([cache.get('a')?.html, cache.get('b'), cache.get('c')?.html]).toEqual(['aaaa', undefined, 'cccc']);
    expect(cache.bytes).toBeLessThanOrEqual(10);
    // A dropped entry leaves no trace in the tag index: invalidating its tag later drops only the live ones.
    cache.invalidate(['x']);
    expect(cache.get('c')?.html).toBe('cccc');
    now = 6001;
    expect(cache.get('c')).toBeUndefined();
  });

  it('keeps nothing when its size is 0, and nothing larger than itself', () => {
    const off = text(0);
    off.set('a', { html: 'a' }, []);
    expect(off.get('a')).toBeUndefined();
    const small = text(3);
    small.set('big', { html: 'too big' }, ['t']);
    expect(small.get('big')).toBeUndefined();
  });
});
