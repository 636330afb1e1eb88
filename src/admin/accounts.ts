// The newsroom's accounts and shell as one plugin for app.ts: the landing page and outbox, signing in and
// out, invitations and resets, staff management, the author profiles staff write as, and site settings.
// Needs staffAuth registered first.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { authorRoutes } from '../editorial/authors/routes.js';
import type { Mailer } from '../mail/mailer.js';
import { readSiteSettings } from '../site/settings.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { invitationRoutes } from './auth/invitation-routes.js';
import { resetRoutes } from './auth/reset-routes.js';
import { setupRoutes } from './auth/setup-routes.js';
import { signInRoutes } from './auth/sign-in-routes.js';
import { homeRoutes } from './home.js';
import { outboxRoutes } from './outbox.js';
import { sectionRoutes } from './settings/section-routes.js';
import { settingsRoutes } from './settings/settings-routes.js';
import { staffRoutes } from './staff/routes.js';

export interface NewsroomAccountsOptions {
  db: Kysely<Database>;
  mailer: Mailer;
  events: ContentEvents;
  clock: () => Date;
  publicUrl: string;
  site: SiteState;
}

export function newsroomAccounts(options: NewsroomAccountsOptions) {
  const { db, clock } = options;
  const mail = { mailer: options.mailer, publicUrl: options.publicUrl };
  const siteName = async () => (await readSiteSettings(db)).siteName;
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(homeRoutes({ db, site: options.site, clock }));
    await app.register(outboxRoutes({ db }));
    await app.register(signInRoutes({ db, clock }));
    await app.register(resetRoutes({ db, mail, clock, siteName }));
    await app.register(setupRoutes({ db, clock }));
    await app.register(invitationRoutes({ db, clock }));
    await app.register(staffRoutes({ db, mail, clock, siteName }));
    await app.register(authorRoutes({ db, events: options.events, clock }));
    await app.register(settingsRoutes({ db, events: options.events, clock }));
    await app.register(sectionRoutes({ db, events: options.events }));
  };
}
