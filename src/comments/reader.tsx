// Comments as the reader site sees them: the reader routes (posting, further pages, the reply form, a
// reader's held comment, permalinks, unsubscribes and a commenter's data) and the article-page extension.
// Nothing here reaches the newsroom's code; a test holds the reader site's module graph to that.
import type { FastifyInstance } from 'fastify';
import type { ServePublicPage } from '../http/public-page.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import { type CommentsExtension, commentsArticleExtension } from './article-extension.js';
import type { CommentDeps } from './comment-deps.js';
import { commentPagesRoutes } from './routes/comment-pages-routes.js';
import { formRoutes } from './routes/form-routes.js';
import { heldRoute } from './routes/held-route.js';
import { myDataRoutes } from './routes/my-data-routes.js';
import { postRoute } from './routes/post-route.js';
import { unsubscribeRoutes } from './routes/unsubscribe-routes.js';

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

export interface CommentsForReaders {
  routes: (app: FastifyInstance) => Promise<void>;
  articleExtension: CommentsExtension;
}

export function commentsForReaders(options: CommentsForReadersOptions): CommentsForReaders {
  return {
    async routes(app) {
      await app.register(postRoute(options));
      await app.register(commentPagesRoutes(options));
      await app.register(formRoutes(options));
      await app.register(heldRoute(options));
      await app.register(unsubscribeRoutes(options));
      await app.register(myDataRoutes(options));
    },
    articleExtension: commentsArticleExtension(options),
  };
}
