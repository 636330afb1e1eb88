// The per-instance cache of rendered comment threads: kept until the article's comments change, never
// storing what a render read before a change, bounded in size and in age.
import { describe, expect, it } from 'vitest';
import { CommentFragments } from './fragment-cache.js';

const fragment = (html: string) => ({ total: 1, html });

describe('CommentFragments', () => {
  it('keeps a fragment until its article is dropped; other articles stay', () => {
    const cache = new CommentFragments(10, 60_000);
    cache.set('1|a', 'a', fragment('A'), cache.stamp('a'));
    cache.set('2|b', 'b', fragment('B'), cache.stamp('b'));
    expect(cache.get('1|a')?.html).toBe('A');
    cache.dropArticle('a');
    expect(cache.get('1|a')).toBeUndefined();
    expect(cache.get('2|b')?.html).toBe('B');
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('does not store a render that began before the article’s comments changed', () => {
    const cache = new CommentFragments(10, 60_000);
    const stamp = cache.stamp('a');
    cache.dropArticle('a'); // a comment was approved while the render was reading
    cache.set('1|a', 'a', fragment('stale'), stamp);
    expect(cache.get('1|a')).toBeUndefined();
    const late = cache.stamp('b');
    cache.clear();
    cache.set('2|b', 'b', fragment('stale'), late);
    expect(cache.get('2|b')).toBeUndefined();
  });

  it('forgets fragments after their time and the oldest when full; 0 entries keeps nothing', () => {
    let now = 0;
    const cache = new CommentFragments(2, 1000, () => now);
    for (const slug of ['a', 'b', 'c']) cache.set(slug, slug, fragment(slug), cache.stamp(slug));
    expect([cache.get('a'), cache.get('b')?.html, cache.get('c')?.html]).toEqual([undefined, 'b', 'c']);
    now = 1001;
    expect(cache.get('b')).toBeUndefined();
    const off = new CommentFragments(0, 1000);
    off.set('a', 'a', fragment('a'), off.stamp('a'));
    expect(off.get('a')).toBeUndefined();
  });
});
