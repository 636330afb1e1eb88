// The newsroom's donation screens, for admins only: the overview, donors with search and CSV exports,
// campaigns, and the donation settings. Saving what readers see announces the change to the page caches.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { SiteState } from '../../site/site-state.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import type { PaymentChoice } from '../payment-choice.js';
import { campaignRoutes } from './campaign-routes.js';
import { donorAdminRoutes } from './donor-routes.js';
import { overviewRoute } from './overview-route.js';
import { paymentsRoutes } from './payments-routes.js';
import { settingsRoutes } from './settings-routes.js';

export interface RevenueAdminOptions {
  db: Kysely<Database>;
  site: SiteState;
  events: ContentEvents;
  clock: () => Date;
  /** Which way of giving is in effect. */
  choice: PaymentChoice;
  /** The app secret, which seals the Stripe keys typed in the newsroom. */
  secret: string;
  publicUrl: string;
}

export function revenueAdminRoutes(options: RevenueAdminOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    await app.register(overviewRoute(options));
    await app.register(donorAdminRoutes(options));
    await app.register(campaignRoutes(options));
    await app.register(settingsRoutes(options));
    await app.register(paymentsRoutes(options));
  };
}
