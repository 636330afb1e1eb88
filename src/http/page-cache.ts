// Rendered public pages kept in memory by URL, each tagged with what it shows (see tagged-cache.ts), with the
// validators a client revalidates against: a weak ETag of the bytes and a Last-Modified that never moves
// backwards for bytes that changed.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PageReplay } from './cached-page-replay.js';
import { TaggedCache } from './tagged-cache.js';

export interface CachedPage {
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
  lastModified: string | null; // HTTP date
  headers: Record<string, string>;
  /** What the page shows, as content events name it; also sent to a CDN as surrogate keys. */
  tags: readonly string[];
  /** Compressed copies, made on first request for each. */
  br?: Buffer;
  gzip?: Buffer;
  /** The headers the app sent with it to a plain GET, for the fast path (cached-page-replay.ts). */
  replay?: PageReplay;
}

// Below this size compression costs more than the bytes it saves.
const MIN_COMPRESS_BYTES = 1024;

/** Which copy of a page a request gets: brotli, gzip, or (undefined) the page as it is. */
export function encodingFor(page: CachedPage, acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!acceptEncoding || page.body.length < MIN_COMPRESS_BYTES) return undefined;
  if (/\bbr\b/.test(acceptEncoding)) return 'br';
  if (/\bgzip\b/.test(acceptEncoding)) return 'gzip';
  return undefined;
}

export type PageToStore = Omit<CachedPage, 'etag' | 'lastModified' | 'br' | 'gzip' | 'replay'> & {
  /** ISO time of the newest content on the page. */
  contentTime: string | null | undefined;
};

// A compressed copy is about a fifth of a page; both copies are counted when the page is stored.
const COMPRESSED_SHARE = 0.5;

export class PageCache {
  private readonly pages: TaggedCache<CachedPage>;
  // The validators of pages dropped lately: a re-render that comes out the same keeps its Last-Modified, so
  // If-Modified-Since still saves a transfer; one that differs is new as of its render.
  private readonly retired = new LRUCache<string, { etag: string; lastModified: string | null }>({
    max: 10_000,
  });
  private readonly startedAt: number;

  constructor(
    options: { maxBytes: number; ttlMs: number; staleMs?: number },
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
    this.pages = new TaggedCache<CachedPage>({
      maxBytes: options.maxBytes,
      ttlMs: options.ttlMs,
      staleMs: options.staleMs,
      sizeOf: (page) => Math.ceil(page.body.length * (1 + COMPRESSED_SHARE)) + 200,
      now,
      onDrop: (key, page) => this.retired.set(key, { etag: page.etag, lastModified: page.lastModified }),
    });
  }

  get(key: string): CachedPage | undefined {
    return this.pages.get(key);
  }

  /** The page even past its freshness, for when it cannot be rendered again (stale-if-error). */
  getStale(key: string): CachedPage | undefined {
    return this.pages.getStale(key);
  }

  /** Whether a fresh page is kept, without counting a hit. */
  has(key: string): boolean {
    return this.pages.has(key);
  }

  get stats(): { hits: number; misses: number } {
    return this.pages.stats;
  }

  stamp(): number {
    return this.pages.stamp();
  }

  /** The page as it will be sent, with its validators; kept unless something it shows changed meanwhile. */
  store(key: string, page: PageToStore, stamp: number): CachedPage {
    const etag = etagOf(page.body);
    // An expired copy still kept (for stale-if-error) is replaced, not dropped: remember its validators too.
    const expired = this.pages.getStale(key);
    if (expired) this.retired.set(key, { etag: expired.etag, lastModified: expired.lastModified });
    const { contentTime, ...rest } = page;
    const stored: CachedPage = { ...rest, etag, lastModified: this.lastModifiedFor(key, etag, contentTime) };
    this.pages.set(key, stored, page.tags, stamp);
    return stored;
  }

  /** Drops every page that carries one of the tags; EVERYTHING drops them all. */
  invalidate(tags: readonly string[]): void {
    this.pages.invalidate(tags);
  }

  get size(): number {
    return this.pages.size;
  }

  get bytes(): number {
    return this.pages.bytes;
  }

  /**
   * The content's own time is not enough: a page also changes when a comment is approved or a setting is
   * saved, and a client that revalidates with If-Modified-Since alone must not be told a changed page is
   * unchanged. Bytes this instance has not seen before are therefore dated no earlier than its start.
   */
  private lastModifiedFor(key: string, etag: string, contentTime: string | null | undefined): string | null {
    if (!contentTime) return null;
    const before = this.retired.get(key);
    if (before?.etag === etag) return before.lastModified;
    const floor = before ? this.now() : this.startedAt;
    return new Date(Math.max(Date.parse(contentTime), floor)).toUTCString();
  }
}

export function etagOf(body: Buffer | string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}
