// Rendered public pages kept in memory, keyed by URL; emptied whenever content changes.
// Entries also expire, so that an instance that missed a change message cannot serve a page forever.
import { createHash } from 'node:crypto';

export interface CachedPage {
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
  lastModified: string | null; // HTTP date
  headers: Record<string, string>;
  storedAt: number;
}

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  // The validators of pages dropped since the last clear: a re-render that comes out the same keeps its
  // Last-Modified, so If-Modified-Since still saves a transfer; one that differs is new as of its render.
  private retired = new Map<string, { etag: string; lastModified: string | null }>();
  private readonly startedAt: number;

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  /**
   * The Last-Modified to send for freshly rendered bytes. The content's own time is not enough: a page
   * also changes when a comment is approved or a setting is saved, and a client that revalidates with
   * If-Modified-Since alone must not be told a changed page is unchanged. Bytes this instance has not seen
   * before are therefore dated no earlier than its start.
   */
  lastModifiedFor(key: string, etag: string, contentTime: string | null | undefined): string | null {
    if (!contentTime) return null;
    const before = this.retired.get(key);
    if (before?.etag === etag) return before.lastModified;
    const floor = before ? this.now() : this.startedAt;
    return new Date(Math.max(Date.parse(contentTime), floor)).toUTCString();
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (this.now() - page.storedAt > this.ttlMs) {
      this.retire(key, page);
      return undefined;
    }
    return page;
  }

  private retire(key: string, page: CachedPage): void {
    this.pages.delete(key);
    // Bounded like the cache: forgetting them costs only a conservative (later) Last-Modified.
    if (this.retired.size >= this.maxEntries) this.retired.clear();
    this.retired.set(key, { etag: page.etag, lastModified: page.lastModified });
  }

  set(key: string, page: Omit<CachedPage, 'storedAt'>): CachedPage {
    if (this.maxEntries === 0) return { ...page, storedAt: this.now() };
    // Map keeps insertion order: the first key is the oldest, dropped when full.
    if (this.pages.size >= this.maxEntries) {
      const oldest = this.pages.entries().next().value;
      if (oldest !== undefined) this.retire(oldest[0], oldest[1]);
    }
    const stored = { ...page, storedAt: this.now() };
    this.pages.set(key, stored);
    return stored;
  }

  /** Drops one page and the pages under it (its query-string variants and sub-paths). */
  dropPath(path: string): void {
    for (const [key, page] of this.pages) {
      if (key === path || key.startsWith(`${path}?`) || key.startsWith(`${path}/`)) this.retire(key, page);
    }
  }

  clear(): void {
    this.retired = new Map();
    for (const [key, page] of this.pages)
      this.retired.set(key, { etag: page.etag, lastModified: page.lastModified });
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }
}

// A content-change reason naming one page (see ContentEvents): instances drop only that page and the pages
// under it, instead of their whole cache. A comment approved on one article should not re-render the site.
const PAGE_REASON = 'page:';

export function pageChangedReason(path: string): string {
  return `${PAGE_REASON}${path}`;
}

/** The path a reason names, or null when the change may touch every page. */
export function changedPagePath(reason: string): string | null {
  return reason.startsWith(PAGE_REASON) && reason.length > PAGE_REASON.length + 1
    ? reason.slice(PAGE_REASON.length)
    : null;
}

export function etagOf(body: Buffer | string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}
