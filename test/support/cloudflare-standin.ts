// Cloudflare's purge API as documented, for tests: POST /client/v4/zones/{zone_id}/purge_cache with a
// Bearer API token and a JSON body of exactly one kind of purge; purge by tag takes 1 to 30 tags of at
// most 1,024 bytes each. Answers in Cloudflare's envelope ({success, errors, messages, result}) and records
// what it purged.
import { randomBytes } from 'node:crypto';
import { json, type StandinServer, startStandin } from './purge-standin.js';

export type CloudflarePurge = { tags: string[] } | { everything: true };

export interface CloudflareStandin extends StandinServer {
  purges: CloudflarePurge[];
  /** Every tag purged, in order. */
  tagsPurged(): string[];
}

const PURGE_KINDS = ['files', 'tags', 'hosts', 'prefixes', 'purge_everything'];

const refuse = (code: number, message: string) => ({
  success: false,
  errors: [{ code, message }],
  messages: [],
  result: null,
});

export async function startCloudflareStandin(zoneId: string, apiToken: string): Promise<CloudflareStandin> {
  const purges: CloudflarePurge[] = [];
  const server = await startStandin(
    (request, body, response) => {
      if (request.method !== 'POST' || request.url !== `/client/v4/zones/${zoneId}/purge_cache`) {
        return json(response, 404, refuse(7003, `Could not route to ${request.url}`));
      }
      if (request.headers.authorization !== `Bearer ${apiToken}`) {
        return json(response, 403, refuse(10000, 'Authentication error'));
      }
      if (!request.headers['content-type']?.startsWith('application/json')) {
        return json(
          response,
          400,
          refuse(6003, 'Invalid request headers: Content-Type must be application/json'),
        );
      }
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return json(response, 400, refuse(1012, 'Request must contain valid JSON'));
      }
      const kinds = Object.keys(parsed).filter((k) => PURGE_KINDS.includes(k));
      if (kinds.length !== 1 || Object.keys(parsed).length !== 1) {
        return json(response, 400, refuse(1012, 'Request must contain exactly one purge kind'));
      }
      if (kinds[0] === 'purge_everything') {
        if (parsed.purge_everything !== true)
          return json(response, 400, refuse(1012, 'purge_everything must be true'));
        purges.push({ everything: true });
      } else if (kinds[0] === 'tags') {
        const tags = parsed.tags;
        if (
          !Array.isArray(tags) ||
          tags.length === 0 ||
          !tags.every((t) => typeof t === 'string' && t !== '')
        ) {
          return json(response, 400, refuse(1012, 'tags must be a non-empty array of strings'));
        }
        if (tags.length > 30) return json(response, 400, refuse(1089, 'Too many tags: at most 30 a request'));
        if (tags.some((t) => Buffer.byteLength(t) > 1024)) {
          return json(response, 400, refuse(1070, 'A tag is longer than 1024 bytes'));
        }
        purges.push({ tags });
      } else {
        return json(
          response,
          400,
          refuse(1012, `this stand-in purges by tag or everything, not ${kinds[0]}`),
        );
      }
      json(response, 200, {
        success: true,
        errors: [],
        messages: [],
        result: { id: randomBytes(16).toString('hex') },
      });
    },
    () => {
      purges.length = 0;
    },
  );
  return Object.assign(server, {
    purges,
    tagsPurged: () => purges.flatMap((p) => ('tags' in p ? p.tags : [])),
  });
}
