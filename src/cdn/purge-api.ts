// What purging a CDN by surrogate key takes, whichever CDN it is: an adapter per CDN (cloudflare-purge.ts,
// fastly-purge.ts; another front cache can bring its own) that sends the keys in as few requests as the
// CDN's API allows, and says how a refusal went, so that the queue (purge-queue.ts) knows when to try again.

export interface CdnPurgeApi {
  /** Names the CDN in logs and errors. */
  readonly name: string;
  /** Drops every cached response carrying any of the keys. */
  purgeKeys(keys: readonly string[]): Promise<void>;
  /** Drops everything the CDN holds of the site. */
  purgeEverything(): Promise<void>;
}

/** A purge the CDN refused or did not answer; `done` keys were purged by the requests before it. */
export class PurgeFailed extends Error {
  override name = 'PurgeFailed';
  constructor(
    message: string,
    /** The CDN's status; undefined when it could not be reached. */
    readonly status: number | undefined,
    /** How long the CDN asked to wait (429 with Retry-After). */
    readonly retryAfterMs: number | undefined,
    readonly done: readonly string[] = [],
  ) {
    super(message);
  }
}

// How long a purge request may take before it counts as failed and is tried again later.
const REQUEST_TIMEOUT_MS = 15_000;

export interface PurgeRequest {
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Sends one purge request; resolves with the answer's body when the CDN accepted it, throws PurgeFailed
 * otherwise. `secret` is masked out of any message, whatever the CDN or the network library says.
 */
export async function sendPurge(
  cdn: string,
  request: PurgeRequest,
  secret: string,
  now: () => number,
  accepted: (status: number, body: string) => string | null = (status) =>
    status >= 200 && status < 300 ? null : '',
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
    throw new PurgeFailed(mask(`${cdn} purge API unreachable: ${reason}`, secret), undefined, undefined);
  }
  const body = await response.text().catch(() => '');
  const problem = accepted(response.status, body);
  if (problem === null) return body;
  const retryAfterMs =
    response.status === 429 || response.status === 503
      ? retryAfter(response.headers.get('retry-after'), now())
      : undefined;
  const said = problem || body.slice(0, 200).replace(/\s+/g, ' ');
  throw new PurgeFailed(
    mask(`${cdn} purge API answered ${response.status}${said ? `: ${said}` : ''}`, secret),
    response.status,
    retryAfterMs,
  );
}

/** Retry-After as milliseconds from now: a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** Sends the keys batch by batch; a failure says which keys the batches before it purged. */
export async function purgeInBatches(
  keys: readonly string[],
  size: number,
  send: (batch: string[]) => Promise<void>,
): Promise<void> {
  const done: string[] = [];
  for (const batch of inBatches(keys, size)) {
    try {
      await send(batch);
    } catch (error) {
      if (error instanceof PurgeFailed) {
        throw new PurgeFailed(error.message, error.status, error.retryAfterMs, done);
      }
      throw error;
    }
    done.push(...batch);
  }
}

function mask(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}
