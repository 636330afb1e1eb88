// Reader comments as the reader site sees them: the routes (threads, the form, self-service links) and the
// article-page extension (the count under the byline, the comments and the form after the body). The
// extension renders into the shared, cached article page, so it shows only what every reader may see; its
// threads are cached on their own (tagged per article), so re-rendering the page does not re-render them.
import type { FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { ArticleExtension } from '../articles/article-extension.js';
import type { Article } from '../articles/model.js';
import type { ServePublicPage } from '../http/public-page.js';
import { EVERYTHING, TaggedCache } from '../http/tagged-cache.js';
import type { SiteContext } from '../site/site-context.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { CommentDeps } from './approval.js';
import { ALL_COMMENTS, commentsTag } from './cache-tags.js';
import { commentsClosed, loadCommentPage } from './comments.js';
import { CommentCount, CommentsSection, renderThreads } from './pages/comments-section.js';
import { readerCommentRoutes } from './routes.js';
import { selfServiceRoutes } from './self-service-routes.js';
import { type CommentSettings, readCommentSettings } from './settings.js';
import { signArticleFormToken } from './tokens.js';

export interface CommentsForReadersOptions {
  deps: CommentDeps;
  site: SiteState;
  serve: ServePublicPage;
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

export interface CommentsForReaders {
  routes: (app: FastifyInstance) => Promise<void>;
  articleExtension: (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;
}

export function commentsForReaders(options: CommentsForReadersOptions): CommentsForReaders {
  const { deps, site } = options;
  const { db, clock } = deps;
  // The rendered threads under each article, kept apart from the page: a change to the story or the site
  // re-renders the page, not its hundreds of comments; a new comment re-renders its threads, not the story.
  const fragments = new TaggedCache<CommentFragment>({
    maxBytes: options.fragmentBytes ?? 16 * 1024 * 1024,
    ttlMs: 10 * 60 * 1000,
    sizeOf: (f) => f.html.length + 64,
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

  return {
    async routes(app) {
      await app.register(
        readerCommentRoutes({ deps, site, serve: options.serve, scriptPath: options.scriptPath }),
      );
      await app.register(selfServiceRoutes({ deps, site }));
    },

    async articleExtension(article, ctx) {
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
        fragment = {
          total: page.total,
          html: renderThreads({
            slug: article.slug,
            page,
            defaultOrder: settings.order,
            open,
            language,
            timeZone,
          }),
        };
        fragments.set(key, fragment, [commentsTag(article.id), ALL_COMMENTS], stamp);
      }
      return {
        header: renderToString(<CommentCount total={fragment.total} open={open} />),
        afterBody: renderToString(
          <CommentsSection
            slug={article.slug}
            open={open}
            token={signArticleFormToken(deps.secret, {
              articleId: article.id,
              source: 'page',
              shownAt: clock(),
            })}
            scriptPath={options.scriptPath}
            threadsHtml={fragment.html}
          />,
        ),
        tags: [commentsTag(article.id), ALL_COMMENTS],
      };
    },
  };
}
