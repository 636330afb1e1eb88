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

  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }
}

export function etagOf(body: Buffer | string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}
