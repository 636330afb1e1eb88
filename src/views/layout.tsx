// The page shell every public page shares: head basics, the masthead with its navigation, the footer. It
// knows the site only through ShellContext (given by the site domain), never a domain of its own.
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { escapeXml } from './escape.js';

export interface NavLink {
  /** What marks the link as the current page (aria-current), e.g. a section's slug. */
  key: string;
  href: string;
  label: string;
}

export interface ShellContext {
  settings: { siteName: string; tagline: string; language: string; publisher: { legalName: string } };
  /** `beacon`: the audience beacon's script, on every reader page when analytics is on. */
  assets: { css: string; js: string; beacon?: string };
  nav: readonly NavLink[];
  /** The footer's menu (site/menus.ts), before the feeds. */
  footerNav?: readonly NavLink[];
  /** The masthead's logo, rendered (a responsive picture); the site name is shown without one. */
  logoHtml: string | null;
  /** What domains add to every page's shell (the same for every reader, so pages stay cacheable). */
  additions?: ShellAdditions;
}

export interface ShellAdditions {
  /** Module scripts (built assets' paths) for every page. */
  scripts: readonly string[];
  /** A JSON data block those scripts read, by element id; the JSON must already be safe inside <script>. */
  data: { id: string; json: string } | null;
  footerLinks: readonly NavLink[];
  /** A form or notice every page's footer carries (the newsletter sign-up), already rendered. */
  footerHtml?: string | null;
}

function Masthead(props: { ctx: ShellContext; current?: string }) {
  const { ctx } = props;
  const { settings } = ctx;
  return (
    <header class="site-header">
      {ctx.logoHtml ? (
        <a class="site-name site-logo" href="/" dangerouslySetInnerHTML={{ __html: ctx.logoHtml }} />
      ) : (
        <a class="site-name" href="/">
          {settings.siteName}
        </a>
      )}
      {settings.tagline && <p class="tagline">{settings.tagline}</p>}
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not a landmark in browsers before 2023; role=search is everywhere. */}
      <form class="site-search" role="search" aria-label="Site" action="/search" method="get">
        <label class="visually-hidden" for="site-search-q">
          Search stories
        </label>
        <input
          type="search"
          id="site-search-q"
          name="q"
          maxLength={200}
          placeholder="Search stories"
          required
        />
        <button type="submit">Search</button>
      </form>
      {ctx.nav.length > 0 && (
        <nav class="site-nav" aria-label="Sections">
          {/* On a phone the list folds behind this checkbox's label, without JavaScript (client/site-menu.ts
              upgrades it to a button with aria-expanded). */}
          <input type="checkbox" id="site-menu-toggle" class="site-menu-toggle" />
          <label for="site-menu-toggle" class="site-menu-label">
            Menu
          </label>
          <ul id="site-menu">
            {ctx.nav.map((link) => (
              <li>
                <a href={link.href} aria-current={props.current === link.key ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

function Footer(props: { ctx: ShellContext }) {
  const { settings } = props.ctx;
  return (
    <footer class="site-footer">
      {props.ctx.additions?.footerHtml && (
        <div class="footer-signup" dangerouslySetInnerHTML={{ __html: props.ctx.additions.footerHtml }} />
      )}
      <p>
        © {new Date().getUTCFullYear()} {settings.publisher.legalName || settings.siteName}
      </p>
      {props.ctx.footerNav && props.ctx.footerNav.length > 0 && (
        <nav aria-label="About the site">
          <ul class="footer-menu">
            {props.ctx.footerNav.map((link) => (
              <li>
                <a href={link.href}>{link.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ul>
        <li>
          <a href="/feed.xml">RSS</a>
        </li>
        <li>
          <a href="/atom.xml">Atom</a>
        </li>
        <li>
          <a href="/feed.json">JSON Feed</a>
        </li>
        <li>
          <a href="/sitemap.xml">Sitemap</a>
        </li>
        {props.ctx.additions?.footerLinks.map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </footer>
  );
}

function HeadBasics(props: { ctx: ShellContext }) {
  const { ctx } = props;
  return (
    <>
      <meta name="color-scheme" content="light dark" />
      <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
      {/* Where WordPress clients discover the site's read-only API (its root is /wp-json/). */}
      <link rel="https://api.w.org/" href="/wp-json/" />
      <link rel="icon" type="image/png" sizes="32x32" href="/icon-32.png" />
      <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
      <link rel="manifest" href="/manifest.webmanifest" />
      <link rel="stylesheet" href={ctx.assets.css} />
      <script type="module" src={ctx.assets.js} />
      {ctx.additions?.data && (
        <script
          type="application/json"
          id={ctx.additions.data.id}
          dangerouslySetInnerHTML={{ __html: ctx.additions.data.json }}
        />
      )}
      {ctx.additions?.scripts.map((src) => (
        <script type="module" src={src} />
      ))}
      {ctx.assets.beacon && <script type="module" src={ctx.assets.beacon} />}
    </>
  );
}

export function Layout(props: {
  ctx: ShellContext;
  head: ComponentChildren;
  children: ComponentChildren;
  currentSection?: string;
}) {
  const { ctx } = props;
  return (
    <html lang={ctx.settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.head}
        <HeadBasics ctx={ctx} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {/* Filled by the reader script from a small cached fragment, so a banner re-renders no page. */}
        <div class="banner-slot" data-banner-slot="/banner" />
        <Masthead ctx={ctx} current={props.currentSection} />
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <Footer ctx={ctx} />
      </body>
    </html>
  );
}

export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

const BANNER_SLOT = '<div class="banner-slot" data-banner-slot="/banner"></div>';

// The shell's parts depend only on the site context (and the current section), so they are rendered once per
// context; a page rendered from cached parts is then joined as strings, without rendering the shell again.
const shellParts = new WeakMap<ShellContext, Map<string, { top: string; bottom: string }>>();

function partsOf(ctx: ShellContext, current: string | undefined) {
  let byCurrent = shellParts.get(ctx);
  if (!byCurrent) {
    byCurrent = new Map();
    shellParts.set(ctx, byCurrent);
  }
  const key = current ?? '';
  let parts = byCurrent.get(key);
  if (!parts) {
    parts = {
      top:
        `${renderToString(<HeadBasics ctx={ctx} />)}</head><body><a class="skip-link" href="#main">Skip to content</a>${BANNER_SLOT}` +
        `${renderToString(<Masthead ctx={ctx} current={current} />)}<main id="main" tabindex="-1">`,
      bottom: `</main>${renderToString(<Footer ctx={ctx} />)}</body></html>`,
    };
    byCurrent.set(key, parts);
  }
  return parts;
}

/** The same document as <Layout>, from a rendered head and main: for pages assembled from cached parts. */
export function documentHtml(ctx: ShellContext, head: string, main: string, currentSection?: string): string {
  const { top, bottom } = partsOf(ctx, currentSection);
  return `<!doctype html><html lang="${escapeXml(ctx.settings.language)}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>${head}${top}${main}${bottom}`;
}
