// Rendered stories kept per version of the article (pages/story.tsx): a new comment, a donation or a page
// cache cleared by another change joins the page again from these parts instead of rendering the story.
import { keptBytes, keptString } from '../http/kept-string.js';
import { TaggedCache } from '../http/tagged-cache.js';
import type { SiteContext } from '../site/site-context.js';
import type { Article } from './model.js';
import { renderStory, type StoryParts } from './pages/story.js';

export class StoryCache {
  private readonly stories: TaggedCache<StoryParts>;

  constructor(options: { maxBytes: number; ttlMs: number }) {
    this.stories = new TaggedCache<StoryParts>({
      ...options,
      sizeOf: (s) =>
        keptBytes(s.head) +
        keptBytes(s.header) +
        keptBytes(s.hero) +
        keptBytes(s.footer) +
        keptBytes(s.notesBelow) +
        s.blocks.reduce((sum, block) => sum + keptBytes(block), 0),
    });
  }

  /** The story's parts for this version, rendered now if they are not kept. */
  story(article: Article, ctx: SiteContext): StoryParts {
    // modifiedAt moves with a correction too, which changes the notes and the JSON-LD but not the version.
    const key = `${article.id}:${article.version}:${article.modifiedAt}`;
    let story = this.stories.get(key);
    if (!story) {
      const stamp = this.stories.stamp();
      story = flattened(renderStory(article, ctx));
      this.stories.set(key, story, story.tags, stamp);
    }
    return story;
  }

  get stats(): { hits: number; misses: number } {
    return this.stories.stats;
  }

  invalidate(tags: readonly string[]): void {
    this.stories.invalidate(tags);
  }
}

function flattened(story: StoryParts): StoryParts {
  return {
    ...story,
    head: keptString(story.head),
    header: keptString(story.header),
    hero: keptString(story.hero),
    blocks: story.blocks.map(keptString),
    footer: keptString(story.footer),
    notesBelow: keptString(story.notesBelow),
  };
}
