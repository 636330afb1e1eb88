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

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (this.now() - page.storedAt > this.ttlMs) {
      this.pages.delete(key);
      return undefined;
    }
    return page;
  }

  set(key: string, page: Omit<CachedPage, 'storedAt'>): CachedPage {
    if (this.maxEntries === 0) return { ...page, storedAt: this.now() };
    // Map keeps insertion order: the first key is the oldest, dropped when full.
    if (this.pages.size >= this.maxEntries) {
      const oldest = this.pages.keys().next().value;
      if (oldest !== undefined) this.pages.delete(oldest);
    }
    const stored = { ...page, storedAt: this.now() };
    this.pages.set(key, stored);
    return stored;
  }

  /** Drops one page and the pages under it (its query-string variants and sub-paths). */
  dropPath(path: string): void {
    for (const key of this.pages.keys()) {
      if (key === path || key.startsWith(`${path}?`) || key.startsWith(`${path}/`)) this.pages.delete(key);
    }
  }

  clear(): void {
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
