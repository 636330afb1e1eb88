// The stories editors chose for a section's front, above its list by date: the pinned story, the lead with
// its picture, then the featured ones.
import { Picture } from '../../media/picture.js';
import type { SiteContext } from '../../site/site-context.js';
import type { CuratedStories } from '../curation.js';
import { articlePath } from '../model.js';
import { StoryCard, StoryMeta } from './story-card.js';

export function CuratedStoriesBlock(props: { curated: CuratedStories; ctx: SiteContext }) {
  const { curated, ctx } = props;
  const { lead, pinned } = curated;
  return (
    <>
      {pinned && (
        <section class="pinned-story" aria-labelledby="pinned-story">
          <p class="pinned-label">Pinned</p>
          <h2 id="pinned-story">
            <a href={articlePath(pinned.slug)}>{pinned.headline}</a>
          </h2>
          {pinned.dek && <p>{pinned.dek}</p>}
        </section>
      )}
      {lead && (
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
      )}
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
