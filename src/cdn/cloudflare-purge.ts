// Cloudflare's purge API: POST /client/v4/zones/{zone_id}/purge_cache with {"tags": [...]} (the Cache-Tag
// values) or {"purge_everything": true}, authorised by an API token (Bearer). At most 30 tags a request: the
// limit Cloudflare documented for purge by tag on every plan (newer plans take more; 30 works on all).
import { type CdnPurgeApi, purgeInBatches, sendPurge } from './purge-api.js';

export const CLOUDFLARE_TAGS_PER_REQUEST = 30;

export interface CloudflarePurgeOptions {
  zoneId: string;
  apiToken: string;
  /** https://api.cloudflare.com, or a stand-in's address. */
  apiUrl: string;
  now?: () => number;
}

interface CloudflareAnswer {
  success?: boolean;
  errors?: Array<{ code?: number; message?: string }>;
}

export function cloudflarePurge(options: CloudflarePurgeOptions): CdnPurgeApi {
  const url = `${options.apiUrl}/client/v4/zones/${encodeURIComponent(options.zoneId)}/purge_cache`;
  const now = options.now ?? Date.now;
  const headers = {
    authorization: `Bearer ${options.apiToken}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };

  async function send(body: object): Promise<void> {
    await sendPurge(
      'Cloudflare',
      { url, headers, body: JSON.stringify(body) },
      options.apiToken,
      now,
      answered,
    );
  }

  return {
    name: 'Cloudflare',
    purgeKeys: (keys) => purgeInBatches(keys, CLOUDFLARE_TAGS_PER_REQUEST, (tags) => send({ tags })),
    purgeEverything: () => send({ purge_everything: true }),
  };
}

/** Cloudflare answers 200 with success: false for some refusals; its errors say why. */
function answered(status: number, body: string): string | null {
  let answer: CloudflareAnswer = {};
  try {
    answer = JSON.parse(body) as CloudflareAnswer;
  } catch {
    // Not JSON (a proxy's error page): the status decides.
  }
  if (status >= 200 && status < 300 && answer.success !== false) return null;
  return (answer.errors ?? []).map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
}
