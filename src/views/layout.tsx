// The page shell every public page shares: head basics, the masthead with section navigation, the footer.
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { sectionPath } from '../articles/articles.js';
import { Picture } from '../media/picture.js';
import type { SiteContext } from './site-context.js';

export function Layout(props: {
  ctx: SiteContext;
  head: ComponentChildren;
  children: ComponentChildren;
  currentSection?: string;
}) {
  const { ctx } = props;
  const { settings } = ctx;
  return (
    <html lang={settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.head}
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script type="module" src={ctx.assets.js} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class={ctx.logo ? 'site-name site-logo' : 'site-name'} href="/">
            {ctx.logo ? (
              <Picture item={ctx.logo} sizes="20rem" eager highPriority={false} alt={settings.siteName} />
            ) : (
              settings.siteName
            )}
          </a>
          {settings.tagline && <p class="tagline">{settings.tagline}</p>}
          {ctx.sections.length > 0 && (
            <nav class="site-nav" aria-label="Sections">
              <ul>
                {ctx.sections.map((s) => (
                  <li>
                    <a
                      href={sectionPath(s.slug)}
                      aria-current={props.currentSection === s.slug ? 'page' : undefined}
                    >
                      {s.name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            © {new Date().getUTCFullYear()} {settings.publisher.legalName || settings.siteName}
          </p>
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
          </ul>
        </footer>
      </body>
    </html>
  );
}

export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
