// Consent's reader routes: the /privacy page (cached like every public page, the same for every reader) and
// the newsroom's custom script, served from our own origin under a name that changes with its content.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { ALL_COMMENTS } from '../comments/cache-tags.js';
import { readCommentSettings } from '../comments/settings.js';
import { NotFound } from '../http/errors.js';
import type { ServePublicPage } from '../http/public-page.js';
import type { SiteState } from '../site/site-state.js';
import type { Database } from '../storage/schema.js';
import { renderDocument } from '../views/layout.js';
import type { ConsentState } from './consent-state.js';
import { privacyFacts } from './privacy-facts.js';
import { PrivacyPage } from './privacy-page.js';
import { PRIVACY_PATH } from './shell.js';

export const PRIVACY_TAG = 'privacy';

export interface ConsentReaderOptions {
  db: Kysely<Database>;
  site: SiteState;
  serve: ServePublicPage;
  consent: ConsentState;
  /**
   * Whether this site takes donations itself (then the page says what a donation collects), and the cache
   * tags of that choice, so the page follows when the newsroom switches it.
   */
  donations: { taken: () => Promise<boolean>; tags: readonly string[] };
  /** With first-party analytics: how long raw events are kept, for the page. */
  analyticsRetentionDays?: number;
}

export function consentForReaders(options: ConsentReaderOptions) {
  const { db, site, serve, consent } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get(PRIVACY_PATH, (request, reply) =>
      serve(request, reply, PRIVACY_PATH, async () => {
        const [ctx, snapshot, comments, donations] = await Promise.all([
          site.context(),
          consent.loaded(),
          readCommentSettings(db),
          options.donations.taken(),
        ]);
        const facts = privacyFacts({
          siteName: ctx.settings.siteName,
          consent: snapshot,
          commentIpRetentionDays: comments.ipRetentionDays,
          donations,
          analyticsRetentionDays: options.analyticsRetentionDays,
        });
        return {
          body: renderDocument(<PrivacyPage ctx={ctx} facts={facts} thirdParties={!snapshot.none} />),
          tags: [PRIVACY_TAG, ALL_COMMENTS, ...options.donations.tags],
        };
      }),
    );

    app.get<{ Params: { file: string } }>('/consent/:file', async (request, reply) => {
      const { custom } = await consent.loaded();
      if (!custom || `/consent/${request.params.file}` !== custom.src) {
        throw new NotFound();
      }
      // The loader never asks for a marketing script under Global Privacy Control; a request that does anyway
      // (a stale page, another client) gets nothing.
      if (custom.purpose === 'marketing' && request.headers['sec-gpc'] === '1') {
        return reply.code(204).header('cache-control', 'no-store').header('vary', 'Sec-GPC').send();
      }
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'Sec-GPC')
        .send(custom.source);
    });
  };
}
