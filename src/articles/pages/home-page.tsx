// The front page: the lead story, the latest stories, then the newest few of each section.
import type { ComponentChildren } from 'preact';
import { Picture } from '../../media/picture.js';
import { Layout } from '../../views/layout.js';
import type { SiteContext } from '../../views/site-context.js';
import { type ArticleSummary, articlePath, type SectionRef, sectionPath } from '../articles.js';
import { ListingHead } from '../seo.js';
import { StoryCard, StoryMeta } from './story-card.js';

export interface HomeContent {
  lead: ArticleSummary | null;
  latest: ArticleSummary[];
  bySection: Array<{ section: SectionRef; articles: ArticleSummary[] }>;
}

export function HomePage(props: {
  content: HomeContent;
  ctx: SiteContext;
  jsonLd: object;
  /** Shown after the latest stories: the support call-to-action (revenue/), when payments are open. */
  support?: ComponentChildren;
}) {
  const { content, ctx } = props;
  const { lead } = content;
  return (
    <Layout
      ctx={ctx}
      head={
        <ListingHead
          ctx={ctx}
          title={ctx.settings.siteName}
          description={ctx.settings.description || ctx.settings.tagline}
          path="/"
          feeds={{ rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' }}
          jsonLd={props.jsonLd}
        />
      }
    >
      <h1 class="visually-hidden">{ctx.settings.siteName}</h1>
      {lead ? (
        <section class="lead-story" aria-labelledby="lead-story">
          {lead.hero && (
            <figure>
              <Picture item={lead.hero} sizes="(min-width: 48rem) 42rem, 100vw" eager />
            </figure>
          )}
          <div>
            <h2 id="lead-story">
              <a href={articlePath(lead.slug)}>{lead.headline}</a>
            </h2>
            {lead.dek && <p>{lead.dek}</p>}
            <StoryMeta article={lead} ctx={ctx} />
          </div>
        </section>
      ) : (
        <p class="page-intro">Nothing has been published yet.</p>
      )}
      {content.latest.length > 0 && (
        <section class="section-block" aria-labelledby="latest">
          <h2 id="latest">Latest</h2>
          <ul class="story-list">
            {content.latest.map((a) => (
              <StoryCard article={a} ctx={ctx} headingLevel={3} image={false} />
            ))}
          </ul>
        </section>
      )}
      {props.support}
      {content.bySection.map(({ section, articles }) => (
        <section class="section-block" aria-labelledby={`section-${section.slug}`}>
          <h2 id={`section-${section.slug}`}>
            <a href={sectionPath(section.slug)}>{section.name}</a>
          </h2>
          <ul class="story-list">
            {articles.map((a) => (
              <StoryCard article={a} ctx={ctx} headingLevel={3} />
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
