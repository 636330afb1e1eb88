// The front page: the lead story and the latest (HomeTop), then the newest few of each section
// (HomeSections); the route puts the support call-to-action between them.
import { Picture } from '../../media/picture.js';
import { type SectionRef, sectionPath } from '../../site/sections.js';
import type { SiteContext } from '../../site/site-context.js';
import { ListingHead } from '../head/listing-head.js';
import { type ArticleSummary, articlePath } from '../model.js';
import type { FrontPageStories } from '../queries/list-queries.js';
import { StoryCard, StoryMeta } from './story-card.js';

export interface HomeContent {
  lead: ArticleSummary | null;
  latest: ArticleSummary[];
  bySection: Array<{ section: SectionRef; articles: ArticleSummary[] }>;
}

/** Each section shows its newest stories that are not already in the lead or the latest. */
export function frontPageContent(
  sections: SectionRef[],
  stories: FrontPageStories,
  perSection: number,
): HomeContent {
  const shown = new Set(stories.latest.map((a) => a.id));
  const bySection = sections.map((section, i) => ({
    section,
    articles: (stories.bySection[i] ?? []).filter((a) => !shown.has(a.id)).slice(0, perSection),
  }));
  return {
    lead: stories.latest[0] ?? null,
    latest: stories.latest.slice(1),
    bySection: bySection.filter((s) => s.articles.length > 0),
  };
}

export function homeHead(ctx: SiteContext, jsonLd: object) {
  return (
    <ListingHead
      ctx={ctx}
      title={ctx.settings.siteName}
      description={ctx.settings.description || ctx.settings.tagline}
      path="/"
      feeds={{ rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' }}
      jsonLd={jsonLd}
    />
  );
}

export function HomeTop(props: { content: HomeContent; ctx: SiteContext }) {
  const { content, ctx } = props;
  const { lead } = content;
  return (
    <>
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
    </>
  );
}

export function HomeSections(props: { content: HomeContent; ctx: SiteContext }) {
  const { content, ctx } = props;
  return (
    <>
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
    </>
  );
}
