// Sends the content API's answers: JSON with a strong ETag (304 for If-None-Match), Cache-Control a CDN can
// keep (public, s-maxage, stale-while-revalidate) and Vary on what the answer depends on. Answers are kept
// per instance in a tagged cache under the pages' own tags, so the change that drops a page drops them too.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TaggedCache } from '../http/tagged-cache.js';
import type { Answer } from './content.js';

interface KeptAnswer {
  body: Buffer;
  etag: string;
}

export interface AnswerOptions {
  /** Bytes of answers kept per instance; 0 keeps none (every request is answered from the database). */
  maxBytes: number;
  ttlMs: number;
  browserMaxAgeSeconds: number;
  cdnMaxAgeSeconds: number;
  cdnStaleSeconds: number;
}

// The key decides who may read and the origin what CORS says: a CDN must keep one copy per each.
const VARY = 'Origin, Authorization, X-Broadsheet-Key, Accept-Encoding';

/** The address without the key (every key gets the same answer), its parameters in one order. */
export function answerKey(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  params.delete('key');
  params.sort();
  const query = params.toString();
  return query ? `${url.slice(0, at)}?${query}` : url.slice(0, at);
}

export class ApiAnswers {
  readonly cache: TaggedCache<KeptAnswer>;
  private readonly cacheControl: string;

  constructor(options: AnswerOptions) {
    this.cache = new TaggedCache<KeptAnswer>({
      maxBytes: options.maxBytes,
      ttlMs: options.ttlMs,
      sizeOf: (a) => a.body.length + 200,
    });
    this.cacheControl = `public, max-age=${options.browserMaxAgeSeconds}, s-maxage=${options.cdnMaxAgeSeconds}, stale-while-revalidate=${options.cdnStaleSeconds}`;
  }

  invalidate(tags: readonly string[]): void {
    this.cache.invalidate(tags);
  }

  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    make: () => Promise<Answer>,
  ): Promise<FastifyReply> {
    const key = answerKey(request.url);
    let kept = this.cache.get(key);
    if (!kept) {
      const stamp = this.cache.stamp();
      const answer = await make();
      const body = Buffer.from(JSON.stringify(answer.body));
      kept = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      this.cache.set(key, kept, answer.tags, stamp);
    }
    reply.header('cache-control', this.cacheControl).header('vary', VARY).header('etag', kept.etag);
    if (matches(request.headers['if-none-match'], kept.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(kept.body);
  }
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison (RFC 9110 §8.8.3.2): a CDN may have marked our tag weak after compressing.
  const bare = (t: string) => (t.startsWith('W/') ? t.slice(2) : t);
  return ifNoneMatch.split(',').some((t) => bare(t.trim()) === etag);
}
