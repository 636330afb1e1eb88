// The CDN purge queue of this machine, when CDN_PURGE names a CDN: its adapter built from the settings.
import { cloudflarePurge } from '../cdn/cloudflare-purge.js';
import { fastlyPurge } from '../cdn/fastly-purge.js';
import type { CdnPurgeApi } from '../cdn/purge-api.js';
import { cdnPurgeQueue, type PurgeQueue, type PurgeQueueOptions } from '../cdn/purge-queue.js';
import type { CdnPurgeConfig } from '../config.js';
import type { Storage } from '../storage/db.js';

export function purgeApiFor(config: CdnPurgeConfig): CdnPurgeApi {
  return config.kind === 'cloudflare'
    ? cloudflarePurge({ zoneId: config.zoneId, apiToken: config.apiToken, apiUrl: config.apiUrl })
    : fastlyPurge({
        serviceId: config.serviceId,
        apiToken: config.apiToken,
        softPurge: config.softPurge,
        apiUrl: config.apiUrl,
      });
}

export function startCdnPurge(
  config: CdnPurgeConfig,
  storage: Storage,
  log: PurgeQueueOptions['log'],
): PurgeQueue {
  const queue = cdnPurgeQueue({ db: storage.db, api: purgeApiFor(config), log });
  queue.start();
  return queue;
}
