// The stories editors chose for a section's front, above its list by date: the pinned story, the lead with
// its picture, then the featured ones.
import { Picture } from '../../media/picture.js';
import type { SiteContext } from '../../site/site-context.js';
import type { CuratedStories } from '../curation.js';
import { type ArticleSummary, articlePath } from '../model.js';
import { StoryCard, StoryMeta } from './story-card.js';

export function CuratedStoriesBlock(props: { curated: CuratedStories; ctx: SiteContext }) {
  const { curated, ctx } = props;
  const { lead, pinned } = curated;
  return (
    <>
      {pinned && <PinnedStory story={pinned} />}
      {lead && <LeadStory story={lead} ctx={ctx} />}
      {curated.featured.length > 0 && (
        <section class="section-block featured-stories" aria-labelledby="featured">
          <h2 id="featured">Top stories</h2>
          <ul class="story-list">
            {curated.featured.map((a) => (
              <StoryCard article={a} ctx={ctx} headingLevel={3} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The pinned story, above everything: the home page and section fronts alike. */
export function PinnedStory(props: { story: Pick<ArticleSummary, 'slug' | 'headline' | 'dek'> }) {
  const { story } = props;
  return (
    <section class="pinned-story" aria-labelledby="pinned-story">
      <p class="pinned-label">Pinned</p>
      <h2 id="pinned-story">
        <a href={articlePath(story.slug)}>{story.headline}</a>
      </h2>
      {story.dek && <p>{story.dek}</p>}
    </section>
  );
}

/** The lead story with its picture, loaded first: the home page and section fronts alike. */
export function LeadStory(props: { story: ArticleSummary; ctx: SiteContext }) {
  const { story, ctx } = props;
  return (
    <section class="lead-story" aria-labelledby="lead-story">
      {story.hero && (
        <figure>
          <Picture item={story.hero} sizes="(min-width: 48rem) 42rem, 100vw" eager />
        </figure>
      )}
      <div>
        <h2 id="lead-story">
          <a href={articlePath(story.slug)}>{story.headline}</a>
        </h2>
        {story.dek && <p>{story.dek}</p>}
        <StoryMeta article={story} ctx={ctx} />
      </div>
    </section>
  );
}
