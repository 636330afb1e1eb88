// The hand-off from the web page to the newsroom's app: the association files iOS and Android fetch to open
// our links in the app, Safari's Smart App Banner, deep links, and the "Continue reading on the app" link.
import { h } from 'preact';
import { appHandoffEnabled, type SiteSettings } from './settings.js';
import type { SiteContext } from './site-context.js';

/** Paths the app can show; everything else (home, listings, newsroom) stays in the browser. */
const APP_PATHS = ['/articles/*'];

export interface AppleAppSiteAssociation {
  applinks: {
    apps: never[];
    details: Array<{
      appIDs: string[];
      components: Array<{ '/': string }>;
      appID: string;
      paths: string[];
    }>;
  };
}

/**
 * The body of /.well-known/apple-app-site-association, or null when the iOS app is not set up. Each detail
 * carries both formats: iOS 13+ reads `appIDs`/`components`, iOS 12 and earlier need `apps: []`, `appID` and
 * `paths`, and each ignores the keys it does not know, so one file serves every device still in use.
 */
export function appleAppSiteAssociation(settings: SiteSettings): AppleAppSiteAssociation | null {
  const { appleTeamId, iosBundleId } = settings.app;
  if (!appleTeamId || !iosBundleId) return null;
  const appID = `${appleTeamId}.${iosBundleId}`;
  return {
    applinks: {
      apps: [],
      details: [
        { appIDs: [appID], components: APP_PATHS.map((p) => ({ '/': p })), appID, paths: [...APP_PATHS] },
      ],
    },
  };
}

export interface AssetLinkStatement {
  relation: string[];
  target: { namespace: 'android_app'; package_name: string; sha256_cert_fingerprints: string[] };
}

/**
 * The body of /.well-known/assetlinks.json, or null when the Android app is not set up. Android verifies the
 * signing certificate, so a package without a fingerprint could never be verified and is treated as unset.
 */
export function assetLinks(settings: SiteSettings): AssetLinkStatement[] | null {
  const { androidPackage, androidSha256Fingerprints } = settings.app;
  if (!androidPackage || androidSha256Fingerprints.length === 0) return null;
  return [
    {
      relation: ['delegate_permission/common.handle_all_urls'],
      target: {
        namespace: 'android_app',
        package_name: androidPackage,
        sha256_cert_fingerprints: [...androidSha256Fingerprints],
      },
    },
  ];
}

/**
 * The content of Safari's `<meta name="apple-itunes-app">`, or null without an App Store id. Safari splits
 * the content on commas, so a comma inside the URL is percent-encoded to keep it one argument.
 */
export function smartAppBannerContent(settings: SiteSettings, pageUrl: string): string | null {
  const { iosAppStoreId } = settings.app;
  if (!iosAppStoreId) return null;
  return `app-id=${iosAppStoreId}, app-argument=${pageUrl.replaceAll(',', '%2C')}`;
}

/**
 * A link that opens `path` in the app, or null when there is none. The app's own URL scheme works on both
 * platforms. Without one, an Android-only app is opened with an intent:// URL (Chrome does not follow app
 * links for a page on the same site), which falls back to the web page when the app is not installed; that
 * needs the site's base URL. With an iOS app and no scheme there is no such link: iOS has no equivalent.
 */
export function appDeepLink(settings: SiteSettings, path: string, baseUrl?: string): string | null {
  const { urlScheme, androidPackage, iosAppStoreId, iosBundleId } = settings.app;
  if (urlScheme) return `${urlScheme}://${path.replace(/^\/+/, '')}`;
  if (androidPackage && !iosAppStoreId && !iosBundleId && baseUrl) {
    const web = new URL(path, baseUrl);
    const fallback = encodeURIComponent(web.href);
    const scheme = web.protocol.replace(':', '');
    const intent = [
      'Intent',
      `scheme=${scheme}`,
      `package=${androidPackage}`,
      `S.browser_fallback_url=${fallback}`,
      'end',
    ];
    return `intent://${web.host}${web.pathname}${web.search}#${intent.join(';')}`;
  }
  return null;
}

/** Where the visible hand-off link points: the deep link, or for an iOS-only app the App Store page. */
function handoffHref(settings: SiteSettings, path: string, baseUrl: string): string | null {
  const deepLink = appDeepLink(settings, path, baseUrl);
  if (deepLink) return deepLink;
  const { iosAppStoreId, androidPackage } = settings.app;
  // With both apps and no scheme, no single link suits both phones; the Smart App Banner still serves iOS.
  if (iosAppStoreId && !androidPackage) return `https://apps.apple.com/app/id${iosAppStoreId}`;
  return null;
}

/** "Continue reading on the app", under the byline; nothing at all when the newsroom has no app. */
export function AppHandoff(props: { ctx: SiteContext; path: string }) {
  const { settings, baseUrl } = props.ctx;
  if (!appHandoffEnabled(settings)) return null;
  const href = handoffHref(settings, props.path, baseUrl);
  if (!href) return null;
  return h('a', { class: 'app-handoff', href }, 'Continue reading on the app');
}
