// Purging the CDN in front of the site (src/cdn/): the settings, and the choice of CDN with the settings that
// CDN needs, each required only when that CDN is chosen. Read by server/cdn-purge.ts, which starts the queue.
import { z } from 'zod';
import { booleanSetting } from './boolean-setting.js';
import { ConfigError } from './config-error.js';

export type CdnPurgeConfig = (
  | { kind: 'cloudflare'; zoneId: string; apiToken: string }
  | { kind: 'fastly'; serviceId: string; apiToken: string; softPurge: boolean }
) & {
  /** The purge API's address without a trailing slash: the CDN's own, or a stand-in's. */
  apiUrl: string;
  /** How long the CDN keeps a page it will be told to purge. */
  edgeMaxAgeSeconds: number;
};

/** The CDN purge settings, a part of config.ts's schema. */
export const cdnPurgeSchema = z.object({
  // Purges the CDN in front of the site by surrogate key when content changes (src/cdn/): off, or the CDN.
  CDN_PURGE: z.enum(['cloudflare', 'fastly', 'off']).default('off'),
  // Cloudflare: the zone (32 hex digits) and an API token allowed "Cache Purge" on it.
  CLOUDFLARE_ZONE_ID: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'must be a zone id: 32 hexadecimal digits')
    .optional(),
  CLOUDFLARE_API_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{20,}$/, 'must be an API token')
    .optional(),
  // Fastly: the service id and an API token with the purge_select (and purge_all) scope.
  FASTLY_SERVICE_ID: z
    .string()
    .regex(/^[A-Za-z0-9]{10,40}$/, 'must be a service id: letters and digits')
    .optional(),
  FASTLY_API_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{20,}$/, 'must be an API token')
    .optional(),
  // Marks purged pages stale instead of removing them, so the edge may serve them while it fetches anew.
  FASTLY_SOFT_PURGE: booleanSetting.default(false),
  // Another server speaking the CDN's purge API (a local stand-in in tests); the CDN's own when unset.
  CDN_PURGE_API_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
    .optional(),
  // With purging on, how long the CDN keeps a page (Surrogate-Control / CDN-Cache-Control): a change
  // purges it, so it can be long; browsers still get CDN_MAX_AGE_SECONDS through Cache-Control.
  CDN_PURGED_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(86400),
});

/** CDN_PURGE with the settings its CDN needs, each required when that CDN is chosen. */
export function cdnPurgeConfig(c: z.infer<typeof cdnPurgeSchema>): CdnPurgeConfig | null {
  const apiUrl = c.CDN_PURGE_API_URL?.replace(/\/+$/, '');
  const edgeMaxAgeSeconds = c.CDN_PURGED_MAX_AGE_SECONDS;
  if (c.CDN_PURGE === 'cloudflare') {
    if (!c.CLOUDFLARE_ZONE_ID || !c.CLOUDFLARE_API_TOKEN) {
      throw new ConfigError('CDN_PURGE=cloudflare needs CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN.');
    }
    return {
      kind: 'cloudflare',
      zoneId: c.CLOUDFLARE_ZONE_ID,
      apiToken: c.CLOUDFLARE_API_TOKEN,
      apiUrl: apiUrl ?? 'https://api.cloudflare.com',
      edgeMaxAgeSeconds,
    };
  }
  if (c.CDN_PURGE === 'fastly') {
    if (!c.FASTLY_SERVICE_ID || !c.FASTLY_API_TOKEN) {
      throw new ConfigError('CDN_PURGE=fastly needs FASTLY_SERVICE_ID and FASTLY_API_TOKEN.');
    }
    return {
      kind: 'fastly',
      serviceId: c.FASTLY_SERVICE_ID,
      apiToken: c.FASTLY_API_TOKEN,
      softPurge: c.FASTLY_SOFT_PURGE,
      apiUrl: apiUrl ?? 'https://api.fastly.com',
      edgeMaxAgeSeconds,
    };
  }
  return null;
}
