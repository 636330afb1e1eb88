// The <head> parts every reader page shares, so an article and a list cannot disagree about them:
// description, canonical, robots, Open Graph basics, Safari's app banner, and the JSON-LD block.
import { absoluteMediaUrl, fallbackVariant } from '../../media/media.js';
import { smartAppBannerContent } from '../../site/app-links.js';
import type { SiteSettings } from '../../site/settings.js';
import type { SiteContext } from '../../site/site-context.js';
import { jsonLdScriptContent } from '../json-ld/script.js';

/**
 * Lets Google show the large image (Discover, Top stories) rather than a thumbnail. The snippet and video
 * limits stay at their defaults on purpose.
 */
const ROBOTS = 'max-image-preview:large';

/** `en-GB` → `en_GB`, the form Open Graph asks for; a bare language has no such form, so it is left out. */
export function openGraphLocale(language: string): string | null {
  const match = /^([a-z]{2,3})-([A-Za-z]{2})(?:-|$)/.exec(language);
  return match ? `${match[1]}_${match[2]!.toUpperCase()}` : null;
}

export function pageTitle(title: string, settings: SiteSettings): string {
  return title === settings.siteName ? title : `${title} – ${settings.siteName}`;
}

export function JsonLdScript(props: { value: object }) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: jsonLdScriptContent(props.value) }}
    />
  );
}

/** The parts every page shares, so an article and a listing cannot disagree about them. */
export function CommonHead(props: {
  ctx: SiteContext;
  description: string;
  url: string;
  /** Another address search engines should credit (a syndicated story's original); `url` when absent. */
  canonical?: string;
  /** Asks search engines to leave the page out of their results. */
  noindex?: boolean;
}) {
  const { ctx, description, url } = props;
  const locale = openGraphLocale(ctx.settings.language);
  const banner = smartAppBannerContent(ctx.settings, url);
  return (
    <>
      {description && <meta name="description" content={description} />}
      <link rel="canonical" href={props.canonical ?? url} />
      <meta name="robots" content={props.noindex ? 'noindex' : ROBOTS} />
      <meta property="og:site_name" content={ctx.settings.siteName} />
      {locale && <meta property="og:locale" content={locale} />}
      <meta property="og:url" content={url} />
      {banner && <meta name="apple-itunes-app" content={banner} />}
    </>
  );
}

/** The newsroom's logo as the Open Graph image of pages that have none of their own (lists, static pages). */
export function LogoImage(props: { ctx: SiteContext }) {
  const { logo } = props.ctx;
  const variant = logo ? fallbackVariant(logo, 1200) : undefined;
  if (!logo || !variant) return null;
  return (
    <>
      <meta property="og:image" content={absoluteMediaUrl(props.ctx.baseUrl, variant.key)} />
      <meta property="og:image:width" content={String(variant.width)} />
      <meta property="og:image:height" content={String(variant.height)} />
      <meta property="og:image:alt" content={logo.altText || props.ctx.settings.siteName} />
    </>
  );
}
