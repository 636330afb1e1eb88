// What consent adds to every reader page: always a "Privacy" link; with tags configured, the loader script,
// the data it reads (IDs, purposes, the consent version) and a "Privacy choices" link. No pixel markup: the
// page is the same for every reader, and the loader adds a vendor's script only for one who consented.
import type { ShellAdditions } from '../views/layout.js';
import type { ConsentSnapshot } from './consent-state.js';
import { PURPOSES, type Purpose, VENDORS } from './vendors.js';

export const PRIVACY_PATH = '/privacy';
/** The footer link the loader turns into a button opening the dialog; without JavaScript, the page's section. */
export const CHOICES_PATH = `${PRIVACY_PATH}#choices`;
export const CONFIG_ELEMENT_ID = 'consent-config';

/** What the loader reads (src/consent/client/loader.ts); nothing in it is HTML. */
export interface LoaderConfig {
  version: string;
  vendors: Array<{ kind: string; id: string; purpose: Purpose }>;
  custom: { src: string; purpose: Purpose } | null;
  /** The purposes in use, with the names of the services each would load, for the dialog. */
  purposes: Array<{ purpose: Purpose; services: string[] }>;
  secure: boolean;
  /** The dialog's stylesheet, fetched only when the dialog opens. */
  stylesheet: string;
}

export interface LoaderAssets {
  script: string;
  stylesheet: string;
}

export function loaderConfig(snapshot: ConsentSnapshot, assets: LoaderAssets, secure: boolean): LoaderConfig {
  const names = (purpose: Purpose) => [
    ...snapshot.vendors.filter((v) => v.purpose === purpose).map((v) => VENDORS[v.kind].name),
    ...(snapshot.custom?.purpose === purpose ? [snapshot.custom.name] : []),
  ];
  return {
    version: snapshot.version,
    vendors: snapshot.vendors.map(({ kind, id, purpose }) => ({ kind, id, purpose })),
    custom: snapshot.custom && { src: snapshot.custom.src, purpose: snapshot.custom.purpose },
    purposes: PURPOSES.map((purpose) => ({ purpose, services: names(purpose) })).filter(
      (p) => p.services.length > 0,
    ),
    secure,
    stylesheet: assets.stylesheet,
  };
}

/** JSON that cannot end its <script> element nor start markup inside it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function consentShell(
  snapshot: ConsentSnapshot,
  assets: LoaderAssets,
  secure: boolean,
): ShellAdditions {
  // "Privacy" itself is in the footer's menu (site/menus.ts), where an editor may move or rename it.
  if (snapshot.none) return { scripts: [], data: null, footerLinks: [] };
  return {
    scripts: [assets.script],
    data: { id: CONFIG_ELEMENT_ID, json: jsonForScript(loaderConfig(snapshot, assets, secure)) },
    footerLinks: [{ key: 'privacy-choices', href: CHOICES_PATH, label: 'Privacy choices' }],
  };
}
