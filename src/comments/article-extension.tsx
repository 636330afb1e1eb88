// What comments add to the shared, cached article page (articles/article-extension.ts): the count under the
// byline, and the threads with the empty form after the body. It shows only what every reader may see. The
// threads are cached on their own (tagged per article): a change to the story or the site re-renders the
// page, not its hundreds of comments; a new comment re-renders its threads, not the story.
import { renderToString } from 'preact-render-to-string';
import type { ArticleExtension } from '../articles/article-extension.js';
import type { Article } from '../articles/model.js';
import { keptBytes, keptString } from '../http/kept-string.js';
import { EVERYTHING, TaggedCache } from '../http/tagged-cache.js';
import type { SiteContext } from '../site/site-context.js';
import type { ContentEvents } from '../storage/content-events.js';
import { pageFormToken } from './article-comments.js';
import { ALL_COMMENTS, commentsTag } from './cache-tags.js';
import { commentsClosed } from './closing.js';
import type { CommentDeps } from './comment-deps.js';
import { loadCommentPage } from './comments.js';
import { CommentCount, CommentsSection, renderThreads } from './pages/comments-section.js';
import { type CommentSettings, readCommentSettings } from './settings.js';

export interface CommentsExtensionOptions {
  deps: CommentDeps;
  events: ContentEvents;
  /** The form island's script (the built asset 'comments.js'). */
  scriptPath: string;
  /** Bytes of rendered threads kept in memory per instance; 0 turns the cache off. */
  fragmentBytes?: number;
}

interface CommentFragment {
  /** Approved comments on the article, for the count under the byline. */
  total: number;
  html: string;
}

export type CommentsExtension = (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;

export function commentsArticleExtension(options: CommentsExtensionOptions): CommentsExtension {
  const { deps } = options;
  const { db, clock } = deps;
  const fragments = new TaggedCache<CommentFragment>({
    maxBytes: options.fragmentBytes ?? 16 * 1024 * 1024,
    ttlMs: 10 * 60 * 1000,
    sizeOf: (f) => keptBytes(f.html) + 64,
  });
  // Every article render needs the settings; they change only through the settings form, which says so.
  let settingsNow: Promise<CommentSettings> | null = null;
  const currentSettings = () => {
    if (!settingsNow) {
      const loading = readCommentSettings(db);
      settingsNow = loading;
      loading.catch(() => {
        if (settingsNow === loading) settingsNow = null;
      });
    }
    return settingsNow;
  };
  // Another instance (or this one) changed an article's comments, or the comment settings changed.
  options.events.onChange((tags) => {
    fragments.invalidate(tags);
    if (tags.includes(ALL_COMMENTS) || tags.includes(EVERYTHING)) settingsNow = null;
  });

  return async function articleExtension(article, ctx) {
    const settings = await currentSettings();
    const open = !(await commentsClosed(db, article, settings, clock()));
    const { language, timeZone } = ctx.settings;
    // Everything the threads' HTML depends on besides the comments themselves.
    const key = [article.id, article.slug, open, settings.order, settings.perPage, language, timeZone].join(
      '|',
    );
    let fragment = fragments.get(key);
    if (!fragment) {
      const stamp = fragments.stamp();
      const page = await loadCommentPage(db, article.id, {
        page: 1,
        order: settings.order,
        perPage: settings.perPage,
      });
      const html = renderThreads({
        slug: article.slug,
        page,
        defaultOrder: settings.order,
        open,
        language,
        timeZone,
      });
      fragment = { total: page.total, html: keptString(html) };
      fragments.set(key, fragment, [commentsTag(article.id), ALL_COMMENTS], stamp);
    }
    return {
      header: renderToString(<CommentCount total={fragment.total} open={open} />),
      afterBody: renderToString(
        <CommentsSection
          slug={article.slug}
          open={open}
          token={pageFormToken(deps, article.id)}
          scriptPath={options.scriptPath}
          threadsHtml={fragment.html}
        />,
      ),
      tags: [commentsTag(article.id), ALL_COMMENTS],
    };
  };
}
