// An in-memory cache bounded in bytes (least recently used out first) whose entries carry tags, so that a
// change drops exactly the entries that show what changed and nothing else. Pages, an article's rendered
// story and its comment threads are each kept in one. Entries also expire, so that an instance that missed
// a change message cannot serve an entry forever; an expired entry may be kept a while longer (staleMs),
// only to be served when it cannot be made again (the database is down), never once invalidated.
import { LRUCache } from 'lru-cache';

/** The tag every entry implicitly carries: invalidating it empties the cache. */
export const EVERYTHING = '*';

export interface TaggedCacheOptions<V> {
  /** 0 turns the cache off: nothing is kept. */
  maxBytes: number;
  ttlMs: number;
  /** How long an expired entry is kept for getStale(); 0 by default. */
  staleMs?: number;
  sizeOf: (value: V) => number;
  now?: () => number;
  /** Told of every entry that leaves (invalidated, expired or pushed out), not of one replaced by set(). */
  onDrop?: (key: string, value: V) => void;
}

interface Entry<V> {
  value: V;
  tags: readonly string[];
  freshUntil: number;
}

// How many recent invalidations are remembered to judge whether a render that began earlier may be kept.
const RECENT_INVALIDATIONS = 1000;

export class TaggedCache<V extends object> {
  private readonly entries: LRUCache<string, Entry<V>> | null;
  private readonly byTag = new Map<string, Set<string>>();
  private epoch = 0;
  private recent: Array<{ epoch: number; tags: ReadonlySet<string> }> = [];
  /** How often an entry was found, and not: what a metrics endpoint or a test reads. */
  readonly stats = { hits: 0, misses: 0 };
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(options: TaggedCacheOptions<V>) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs;
    this.entries =
      options.maxBytes > 0
        ? new LRUCache<string, Entry<V>>({
            maxSize: options.maxBytes,
            sizeCalculation: (entry) => Math.max(1, options.sizeOf(entry.value)),
            ttl: options.ttlMs + (options.staleMs ?? 0),
            ttlAutopurge: false,
            ttlResolution: 0,
            perf: options.now ? { now: options.now } : undefined,
            dispose: (entry, key, reason) => {
              this.unindex(key, entry.tags);
              if (reason !== 'set') options.onDrop?.(key, entry.value);
            },
          })
        : null;
  }

  get(key: string): V | undefined {
    const entry = this.entries?.get(key);
    const value = entry && this.now() < entry.freshUntil ? entry.value : undefined;
    if (value) this.stats.hits++;
    else this.stats.misses++;
    return value;
  }

  /** The entry even past its freshness (within staleMs), for when it cannot be made again now. */
  getStale(key: string): V | undefined {
    return this.entries?.get(key)?.value;
  }

  /** Whether a fresh entry is kept, without counting it as a hit or as used. */
  has(key: string): boolean {
    const entry = this.entries?.peek(key);
    return entry !== undefined && this.now() < entry.freshUntil;
  }

  /** Pass to set(): a value rendered after this moment is kept only if none of its tags changed meanwhile. */
  stamp(): number {
    return this.epoch;
  }

  /** Keeps `value` under `key`, dropped when any of `tags` is invalidated; refused when it is already stale. */
  set(key: string, value: V, tags: readonly string[], stamp = this.epoch): void {
    if (!this.entries || this.changedSince(stamp, tags)) return;
    this.entries.set(key, { value, tags, freshUntil: this.now() + this.ttlMs });
    // lru-cache refuses an entry larger than the whole cache; only index what it kept.
    if (!this.entries.has(key)) return;
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.byTag.set(tag, keys);
      }
      keys.add(key);
    }
  }

  /** Drops every entry carrying one of the tags (all of them for EVERYTHING). */
  invalidate(tags: readonly string[]): void {
    this.epoch++;
    this.recent.push({ epoch: this.epoch, tags: new Set(tags) });
    if (this.recent.length > RECENT_INVALIDATIONS) this.recent = this.recent.slice(-RECENT_INVALIDATIONS / 2);
    if (!this.entries) return;
    if (tags.includes(EVERYTHING)) {
      this.entries.clear();
      return;
    }
    const dropped = new Set<string>();
    for (const tag of tags) for (const key of this.byTag.get(tag) ?? []) dropped.add(key);
    for (const key of dropped) this.entries.delete(key);
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  private changedSince(stamp: number, tags: readonly string[]): boolean {
    if (stamp === this.epoch) return false;
    const oldest = this.recent[0]?.epoch ?? this.epoch + 1;
    // Older than what is remembered: it may have missed anything, so it is not kept.
    if (stamp < oldest - 1) return true;
    return this.recent.some(
      (r) => r.epoch > stamp && (r.tags.has(EVERYTHING) || tags.some((tag) => r.tags.has(tag))),
    );
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }
}
