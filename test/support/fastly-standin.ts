// Fastly's purge API as documented, for tests: POST /service/{service_id}/purge with the keys in a
// Surrogate-Key header (space-separated, at most 256) or a {"surrogate_keys": [...]} body, and POST
// /service/{service_id}/purge_all; both authorised by Fastly-Key. Fastly-Soft-Purge: 1 asks for a soft
// purge, which purge_all does not do. Answers as Fastly does and records what it purged.
import { randomBytes } from 'node:crypto';
import { json, type StandinServer, startStandin } from './purge-standin.js';

export type FastlyPurge = { keys: string[]; soft: boolean } | { everything: true };

export interface FastlyStandin extends StandinServer {
  purges: FastlyPurge[];
  keysPurged(): string[];
}

export async function startFastlyStandin(serviceId: string, apiToken: string): Promise<FastlyStandin> {
  const purges: FastlyPurge[] = [];
  const server = await startStandin(
    (request, body, response) => {
      const base = `/service/${serviceId}`;
      if (
        request.method !== 'POST' ||
        (request.url !== `${base}/purge` && request.url !== `${base}/purge_all`)
      ) {
        return json(response, 404, { msg: 'Record not found', detail: `Cannot POST ${request.url}` });
      }
      if (request.headers['fastly-key'] !== apiToken) {
        return json(response, 401, { msg: 'Provided credentials are missing or invalid' });
      }
      const soft = request.headers['fastly-soft-purge'] === '1';
      if (request.url.endsWith('/purge_all')) {
        if (soft) return json(response, 400, { msg: 'Bad request', detail: 'purge_all cannot be soft' });
        purges.push({ everything: true });
        return json(response, 200, { status: 'ok' });
      }
      let keys: string[] = [];
      const header = request.headers['surrogate-key'];
      if (typeof header === 'string') keys = header.split(' ').filter((k) => k !== '');
      else if (body)
        keys = ((JSON.parse(body) as { surrogate_keys?: string[] }).surrogate_keys ?? []) as string[];
      if (keys.length === 0)
        return json(response, 400, { msg: 'Bad request', detail: 'No surrogate keys given' });
      if (keys.length > 256) {
        return json(response, 400, { msg: 'Bad request', detail: 'At most 256 surrogate keys a request' });
      }
      purges.push({ keys, soft });
      json(
        response,
        200,
        Object.fromEntries(keys.map((k) => [k, `${randomBytes(6).toString('hex')}-purge`])),
      );
    },
    () => {
      purges.length = 0;
    },
  );
  return Object.assign(server, {
    purges,
    keysPurged: () => purges.flatMap((p) => ('keys' in p ? p.keys : [])),
  });
}
