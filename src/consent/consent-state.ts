// What the reader site needs of the consent settings, read once and kept until a settings change: the
// vendors, the consent version (a change of vendors asks every reader again), the hosts the CSP must allow,
// and the part of the page shell that carries the loader. Read synchronously by the security-headers hook.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ExtraSources } from '../http/security-headers.js';
import type { Database } from '../storage/schema.js';
import {
  type ConfiguredVendor,
  type ConsentSettings,
  configuredVendors,
  defaultConsentSettings,
  readConsentSettings,
} from './settings.js';
import type { Purpose } from './vendors.js';
import { VENDORS } from './vendors.js';

export interface ConsentSnapshot {
  settings: ConsentSettings;
  vendors: ConfiguredVendor[];
  /** The custom script, if any: where the loader fetches it and what it is for. */
  custom: { src: string; purpose: Purpose; name: string; source: string } | null;
  /** Nothing configured: no banner, no loader, no widened CSP. */
  none: boolean;
  /** Short hash of everything a reader consents to; stored in the consent cookie. */
  version: string;
  /** Hosts added to the reader pages' CSP; null when nothing is configured. */
  sources: ExtraSources | null;
}

export const CUSTOM_SCRIPT_PREFIX = '/consent/custom-';

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export function snapshotOf(settings: ConsentSettings): ConsentSnapshot {
  const vendors = configuredVendors(settings);
  const custom = settings.custom
    ? {
        src: `${CUSTOM_SCRIPT_PREFIX}${hash(settings.custom.source)}.js`,
        purpose: settings.custom.purpose,
        name: settings.custom.name,
        source: settings.custom.source,
      }
    : null;
  const none = vendors.length === 0 && custom === null;
  const version = hash(
    JSON.stringify({
      vendors,
      custom: settings.custom && { ...settings.custom, source: hash(settings.custom.source) },
    }),
  );
  return { settings, vendors, custom, none, version, sources: none ? null : sourcesOf(settings, vendors) };
}

function sourcesOf(settings: ConsentSettings, vendors: ConfiguredVendor[]): ExtraSources {
  const script = new Set<string>();
  const connect = new Set<string>();
  const img = new Set<string>();
  for (const { kind } of vendors) {
    const s = VENDORS[kind].sources;
    for (const h of s.script) script.add(h);
    for (const h of s.connect) connect.add(h);
    for (const h of s.img) img.add(h);
  }
  for (const h of settings.custom?.hosts ?? []) {
    script.add(h);
    connect.add(h);
    img.add(h);
  }
  return { script: [...script], connect: [...connect], img: [...img] };
}

export class ConsentState {
  private snapshot: ConsentSnapshot = snapshotOf(defaultConsentSettings);
  private loading: Promise<ConsentSnapshot> | null = null;
  private inFlight = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** The last snapshot read; what the CSP of a request starting now is made from. */
  current(): ConsentSnapshot {
    return this.snapshot;
  }

  /**
   * A read of the tags is under way (at start, after a change): a request waits for it before its CSP is set.
   * A read that failed (the database away) holds nobody up: the page's own render fails the same way.
   */
  get reading(): boolean {
    return this.inFlight;
  }

  /** The snapshot once the latest read is done (the page shell waits for it, so page and CSP agree). */
  loaded(): Promise<ConsentSnapshot> {
    if (!this.loading) {
      this.inFlight = true;
      const loading = readConsentSettings(this.db).then((settings) => {
        if (this.loading === loading) {
          this.snapshot = snapshotOf(settings);
          this.inFlight = false;
        }
        return this.snapshot;
      });
      this.loading = loading;
      // A failed read (database briefly down) is tried again by the next page.
      loading.catch(() => {
        if (this.loading === loading) {
          this.loading = null;
          this.inFlight = false;
        }
      });
    }
    return this.loading;
  }

  /** After a settings change: read again. */
  invalidate(): void {
    this.loading = null;
    this.loaded().catch(() => {});
  }
}
