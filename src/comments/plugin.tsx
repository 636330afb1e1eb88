// Reader comments as app.ts sees them: the routes (reader, self-service, moderation, scripts) and the
// article-page extension (the count under the byline, the comments and the form after the body). The
// extension renders into the shared, cached article page, so it shows only what every reader may see; its
// threads are also cached on their own, so that re-rendering the page does not re-render the comments.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Article } from '../articles/articles.js';
import type { ArticleExtension } from '../articles/pages/article-page.js';
import { changedPagePath, pageChangedReason } from '../http/page-cache.js';
import type { ServePublicPage } from '../http/public-page.js';
import type { RateLimitStore } from '../http/rate-limit-store.js';
import type { Mailer } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { SiteContext } from '../views/site-context.js';
import { adminCommentRoutes } from './admin/routes.js';
import { akismetChecker, type SpamChecker } from './akismet.js';
import type { CommentDeps } from './approval.js';
import { buildCommentAssets, commentAssetRoutes } from './assets.js';
import { commentsClosed, loadCommentPage } from './comments.js';
import { CommentFragments } from './fragment-cache.js';
import { CommentCount, CommentsSection, renderThreads } from './pages/comments-section.js';
import { type CommentRates, DEFAULT_COMMENT_RATES } from './rate-limits.js';
import { readerCommentRoutes } from './routes.js';
import { selfServiceRoutes } from './self-service-routes.js';
import { type CommentSettings, readCommentSettings } from './settings.js';
import { signArticleFormToken } from './tokens.js';

export interface CommentsOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  events: ContentEvents;
  mailer: Mailer;
  rates: RateLimitStore;
  secret: string;
  publicUrl: string;
  clock: () => Date;
  rateRules?: CommentRates;
  /** Builds the outside spam checker from the settings; Akismet's protocol over fetch unless told. */
  spamChecker?: (settings: CommentSettings) => SpamChecker | null;
  /** Articles whose rendered threads are kept in memory (fragment-cache.ts); 0 turns the cache off. */
  fragmentEntries?: number;
}

// The content-change reason for new comment settings: every page, and every cached fragment, is stale.
const COMMENT_SETTINGS_CHANGED = 'comment settings';

export interface Comments {
  routes: (app: FastifyInstance) => Promise<void>;
  articleExtension: (article: Article, ctx: SiteContext) => Promise<ArticleExtension>;
}

export function comments(options: CommentsOptions): Comments {
  const { db, site, clock } = options;
  const assets = buildCommentAssets();
  let logger: FastifyInstance['log'] | null = null;
  const fragments = new CommentFragments(options.fragmentEntries ?? 1000, 10 * 60 * 1000);
  // Another instance (or this one) changed an article's comments, or the comment settings changed.
  options.events.onChange((reason) => {
    const path = changedPagePath(reason);
    const slug = path?.startsWith('/articles/') ? path.slice('/articles/'.length).split('/')[0] : undefined;
    if (slug) fragments.dropArticle(slug);
    else if (reason === COMMENT_SETTINGS_CHANGED) {
      fragments.clear();
      settingsNow = null;
    }
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
  const deps: CommentDeps = {
    db,
    secret: options.secret,
    clock,
    publicUrl: options.publicUrl,
    rates: options.rates,
    rateRules: options.rateRules ?? DEFAULT_COMMENT_RATES,
    spamChecker:
      options.spamChecker ??
      ((s) =>
        s.akismetUrl && s.akismetKey
          ? akismetChecker({ url: s.akismetUrl, key: s.akismetKey, site: options.publicUrl })
          : null),
    mailer: options.mailer,
    siteName: async () => (await site.context()).settings.siteName,
    pageChanged: (slug) => options.events.changed(pageChangedReason(`/articles/${slug}`)),
    allPagesChanged: () => options.events.changed(COMMENT_SETTINGS_CHANGED),
    log: { error: (details, message) => logger?.error(details, message) },
  };

  return {
    async routes(app) {
      logger = app.log;
      await app.register(commentAssetRoutes(assets));
      await app.register(
        readerCommentRoutes({ deps, site, serve: options.serve, scriptPath: assets.reader }),
      );
      await app.register(selfServiceRoutes({ deps, site }));
      await app.register(
        adminCommentRoutes({ deps, site, scriptPath: assets.moderation, stylePath: assets.moderationStyle }),
      );
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
        const stamp = fragments.stamp(article.slug);
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
        fragments.set(key, article.slug, fragment, stamp);
      }
      return {
        header: <CommentCount total={fragment.total} open={open} />,
        afterBody: (
          <CommentsSection
            slug={article.slug}
            open={open}
            token={signArticleFormToken(options.secret, {
              articleId: article.id,
              source: 'page',
              shownAt: clock(),
            })}
            scriptPath={assets.reader}
            threadsHtml={fragment.html}
          />
        ),
      };
    },
  };
}
