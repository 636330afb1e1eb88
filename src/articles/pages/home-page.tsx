// The front page: the pinned story, the lead and the featured stories editors chose (or the newest when they
// chose none), the latest (HomeTop), then the newest few of each section (HomeSections); the route puts the
// support call-to-action between them. No story is shown twice.
import { type SectionRef, sectionPath } from '../../site/sections.js';
import type { SiteContext } from '../../site/site-context.js';
import { type CuratedStories, curatedIds } from '../curation.js';
import { ListingHead } from '../head/listing-head.js';
import type { ArticleSummary } from '../model.js';
import type { FrontPageStories } from '../queries/list-queries.js';
import { LeadStory, PinnedStory } from './curated-stories.js';
import { StoryCard } from './story-card.js';

export interface HomeContent {
  pinned: ArticleSummary | null;
  lead: ArticleSummary | null;
  featured: ArticleSummary[];
  latest: ArticleSummary[];
  bySection: Array<{ section: SectionRef; articles: ArticleSummary[] }>;
}

/**
 * The curated stories first; the newest lead when editors chose no lead; the latest are the newest not
 * already shown (`latest` of them), and each section shows its newest not already shown anywhere above.
 */
export function frontPageContent(
  sections: SectionRef[],
  stories: FrontPageStories,
  counts: { latest: number; perSection: number },
  curated: CuratedStories | null = null,
): HomeContent {
  const shown = curatedIds(curated);
  const byDate = stories.latest.filter((a) => !shown.has(a.id));
  const lead = curated?.lead ?? byDate.shift() ?? null;
  const latest = byDate.slice(0, counts.latest);
  for (const a of [...(lead ? [lead] : []), ...latest]) shown.add(a.id);
  const bySection = sections.map((section, i) => ({
    section,
    articles: (stories.bySection[i] ?? []).filter((a) => !shown.has(a.id)).slice(0, counts.perSection),
  }));
  return {
    pinned: curated?.pinned ?? null,
    lead,
    featured: curated?.featured ?? [],
    latest,
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
      {content.pinned && <PinnedStory story={content.pinned} />}
      {lead ? (
        <LeadStory story={lead} ctx={ctx} />
      ) : (
        <p class="page-intro">Nothing has been published yet.</p>
      )}
      {content.featured.length > 0 && (
        <section class="section-block featured-stories" aria-labelledby="featured">
          <h2 id="featured">Top stories</h2>
          <ul class="story-list">
            {content.featured.map((a) => (
              <StoryCard article={a} ctx={ctx} headingLevel={3} />
            ))}
          </ul>
        </section>
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
