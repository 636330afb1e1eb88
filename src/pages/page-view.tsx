// A static page as readers see it: the site's shell, the title and the body drawn by the articles' renderer.
import { CommonHead, JsonLdScript, LogoImage, pageTitle } from '../articles/head/common-head.js';
import { BodyBlocks } from '../articles/render/body.js';
import type { MediaItem } from '../media/media.js';
import { absoluteUrl, type SiteContext } from '../site/site-context.js';
import { Layout } from '../views/layout.js';
import { pageJsonLd } from './page-json-ld.js';
import { pagePath } from './page-path.js';
import type { PublishedPage } from './page-query.js';

export function StaticPage(props: { ctx: SiteContext; page: PublishedPage; media: Map<number, MediaItem> }) {
  const { ctx, page } = props;
  const title = pageTitle(page.title, ctx.settings);
  return (
    <Layout
      ctx={ctx}
      currentSection={`page:${page.slug}`}
      head={
        <>
          <title>{title}</title>
          <CommonHead ctx={ctx} description={page.description} url={absoluteUrl(ctx, pagePath(page.slug))} />
          <meta property="og:type" content="website" />
          <meta property="og:title" content={title} />
          {page.description && <meta property="og:description" content={page.description} />}
          <meta name="twitter:card" content="summary" />
          <LogoImage ctx={ctx} />
          <JsonLdScript value={pageJsonLd(ctx, page)} />
        </>
      }
    >
      <article class="static-page">
        <h1 class="page-title">{page.title}</h1>
        <div class="story-body">
          <BodyBlocks blocks={page.body.content} ctx={{ media: props.media }} />
        </div>
      </article>
    </Layout>
  );
}
