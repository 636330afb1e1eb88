// Fastly's purge API: POST /service/{service_id}/purge with the keys in a Surrogate-Key request header
// (space-separated, at most 256 a request), POST /service/{service_id}/purge_all for everything, both
// authorised by the Fastly-Key header. A soft purge (Fastly-Soft-Purge: 1) marks the pages stale instead of
// dropping them; Fastly does not purge everything softly, so purge_all is always a hard one.
import { type CdnPurgeApi, purgeInBatches, sendPurge } from './purge-api.js';

export const FASTLY_KEYS_PER_REQUEST = 256;

export interface FastlyPurgeOptions {
  serviceId: string;
  apiToken: string;
  softPurge: boolean;
  /** https://api.fastly.com, or a stand-in's address. */
  apiUrl: string;
  now?: () => number;
}

export function fastlyPurge(options: FastlyPurgeOptions): CdnPurgeApi {
  const service = `${options.apiUrl}/service/${encodeURIComponent(options.serviceId)}`;
  const now = options.now ?? Date.now;
  const auth = { 'fastly-key': options.apiToken, accept: 'application/json' };

  return {
    name: 'Fastly',
    purgeKeys: (keys) =>
      purgeInBatches(keys, FASTLY_KEYS_PER_REQUEST, async (batch) => {
        const headers: Record<string, string> = { ...auth, 'surrogate-key': batch.join(' ') };
        if (options.softPurge) headers['fastly-soft-purge'] = '1';
        await sendPurge('Fastly', { url: `${service}/purge`, headers }, options.apiToken, now);
      }),
    purgeEverything: async () => {
      await sendPurge('Fastly', { url: `${service}/purge_all`, headers: auth }, options.apiToken, now);
    },
  };
}
