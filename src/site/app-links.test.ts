// The app hand-off: the exact association files Apple and Google document, the banner, the deep links, and
// a "Continue reading on the app" link that exists only when there is an app to continue in.
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { testSiteContext } from '../../test/support/site-context.js';
import {
  AppHandoff,
  appDeepLink,
  appleAppSiteAssociation,
  assetLinks,
  smartAppBannerContent,
} from './app-links.js';
import { siteSettingsSchema } from './settings.js';
import type { SiteContext } from './site-context.js';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  (i * 7).toString(16).padStart(2, '0').toUpperCase(),
).join(':');

const settings = (app: Record<string, unknown> = {}) =>
  siteSettingsSchema.parse({ siteName: 'The Ledger', app });
const none = settings();
const IOS = { iosAppStoreId: '1234567890', appleTeamId: 'ABCDE12345', iosBundleId: 'org.ledger.app' };
const ANDROID = { androidPackage: 'org.ledger.app', androidSha256Fingerprints: [FINGERPRINT] };
const ios = settings(IOS);
const android = settings(ANDROID);
const both = settings({ ...IOS, ...ANDROID });
const withScheme = settings({ ...IOS, ...ANDROID, urlScheme: 'ledger' });

function handoff(s: ReturnType<typeof settings>, path = '/articles/trams'): string {
  const ctx: SiteContext = testSiteContext({ settings: s });
  return renderToString(h(AppHandoff, { ctx, path }));
}

describe('appleAppSiteAssociation', () => {
  it('lets the iOS app open article links, in the modern and the iOS 12 format', () => {
    expect(appleAppSiteAssociation(ios)).toEqual({
      applinks: {
        apps: [],
        details: [
          {
            appIDs: ['ABCDE12345.org.ledger.app'],
            components: [{ '/': '/articles/*' }],
            appID: 'ABCDE12345.org.ledger.app',
            paths: ['/articles/*'],
          },
        ],
      },
    });
  });

  it.each([
    ['no app at all', none],
    ['only Android', android],
    ['a team id without a bundle id', settings({ appleTeamId: 'ABCDE12345' })],
    ['a bundle id without a team id', settings({ iosBundleId: 'org.ledger.app' })],
  ])('is null with %s', (_name, s) => {
    expect(appleAppSiteAssociation(s)).toBeNull();
  });
});

describe('assetLinks', () => {
  it('lets the Android app handle all our URLs, signed with the given certificate', () => {
    expect(assetLinks(android)).toEqual([
      {
        relation: ['delegate_permission/common.handle_all_urls'],
        target: {
          namespace: 'android_app',
          package_name: 'org.ledger.app',
          sha256_cert_fingerprints: [FINGERPRINT],
        },
      },
    ]);
  });

  it.each([
    ['no app at all', none],
    ['only iOS', ios],
    ['a package without a fingerprint', settings({ androidPackage: 'org.ledger.app' })],
  ])('is null with %s', (_name, s) => {
    expect(assetLinks(s)).toBeNull();
  });
});

describe('smartAppBannerContent', () => {
  it('names the App Store app and the page to open in it', () => {
    expect(smartAppBannerContent(ios, 'https://news.example.org/articles/trams')).toBe(
      'app-id=1234567890, app-argument=https://news.example.org/articles/trams',
    );
  });

  it('keeps a comma in the URL from splitting the banner’s arguments', () => {
    expect(smartAppBannerContent(ios, 'https://news.example.org/articles/a,b')).toBe(
      'app-id=1234567890, app-argument=https://news.example.org/articles/a%2Cb',
    );
  });

  it('is null without an App Store id', () => {
    expect(smartAppBannerContent(android, 'https://news.example.org/')).toBeNull();
  });
});

describe('appDeepLink', () => {
  it('opens the same path under the app’s scheme', () => {
    expect(appDeepLink(withScheme, '/articles/trams')).toBe('ledger://articles/trams');
  });

  it('opens an Android-only app with an intent that falls back to the web page', () => {
    expect(appDeepLink(android, '/articles/trams', 'https://news.example.org')).toBe(
      'intent://news.example.org/articles/trams#Intent;scheme=https;package=org.ledger.app;' +
        'S.browser_fallback_url=https%3A%2F%2Fnews.example.org%2Farticles%2Ftrams;end',
    );
    expect(appDeepLink(android, '/articles/trams')).toBeNull();
  });

  it.each([
    ['no app', none],
    ['an iOS app without a scheme', ios],
    ['both apps without a scheme', both],
  ])('is null with %s', (_name, s) => {
    expect(appDeepLink(s, '/articles/trams', 'https://news.example.org')).toBeNull();
  });
});

describe('AppHandoff', () => {
  it('renders nothing at all without an app', () => {
    expect(handoff(none)).toBe('');
  });

  it('links to the article in the app', () => {
    expect(handoff(withScheme)).toBe(
      '<a class="app-handoff" href="ledger://articles/trams">Continue reading on the app</a>',
    );
  });

  it('sends an iPhone-only newsroom’s readers to the App Store', () => {
    expect(handoff(ios)).toBe(
      '<a class="app-handoff" href="https://apps.apple.com/app/id1234567890">Continue reading on the app</a>',
    );
  });

  it('uses the Android intent for an Android-only newsroom', () => {
    expect(handoff(android)).toContain('href="intent://news.example.org/articles/trams#Intent;');
  });

  it('renders nothing when no single link suits both phones', () => {
    expect(handoff(both)).toBe('');
  });
});
