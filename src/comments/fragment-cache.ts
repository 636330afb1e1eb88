// The rendered comment threads under each article, kept per instance apart from the page cache: a site-wide
// page-cache clear (any publish, any settings change) then re-renders the article, not its hundreds of
// comments. Dropped, on every instance, when an article's visible comments change (see plugin.tsx).

export interface CommentFragment {
  /** Approved comments on the article, for the count under the byline. */
  total: number;
  html: string;
}

interface Entry extends CommentFragment {
  slug: string;
  storedAt: number;
}

export class CommentFragments {
  private readonly entries = new Map<string, Entry>();
  // Bumped on every drop: a render that began before a comment was approved must not store what it read.
  private readonly generations = new Map<string, number>();
  private everything = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): CommentFragment | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A stamp to pass back to set(): the fragment is kept only if nothing was dropped in between. */
  stamp(slug: string): string {
    return `${this.everything}:${this.generations.get(slug) ?? 0}`;
  }

  set(key: string, slug: string, fragment: CommentFragment, stamp: string): void {
    if (this.maxEntries === 0 || stamp !== this.stamp(slug)) return;
    // Map keeps insertion order: the first key is the oldest, dropped when full.
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { ...fragment, slug, storedAt: this.now() });
  }

  dropArticle(slug: string): void {
    this.generations.set(slug, (this.generations.get(slug) ?? 0) + 1);
    for (const [key, entry] of this.entries) if (entry.slug === slug) this.entries.delete(key);
  }

  clear(): void {
    this.everything++;
    this.generations.clear();
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
