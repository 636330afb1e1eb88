// GET /admin/donations: the overview, with whether payments are open and receipts complete.
import type { FastifyInstance } from 'fastify';
import { renderAdmin } from '../../admin/auth/render.js';
import { unmatchedEvents } from '../ledger/event-queries.js';
import { missingReceiptDetails } from '../receipts.js';
import { dashboard } from '../reports.js';
import { readRevenueSettings } from '../settings.js';
import { adminOnly } from './admin-replies.js';
import { DashboardPage } from './dashboard-page.js';
import type { RevenueAdminOptions } from './routes.js';

export function overviewRoute(options: RevenueAdminOptions) {
  const { db, site, clock } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/donations', adminOnly, async (request, reply) => {
      const [settings, ctx, missing, unmatched, inEffect] = await Promise.all([
        readRevenueSettings(db),
        site.context(),
        missingReceiptDetails(db),
        unmatchedEvents(db),
        options.choice.current(),
      ]);
      const data = await dashboard(db, clock(), settings.currency, ctx.settings.timeZone);
      return renderAdmin(request, reply, {
        title: 'Donations',
        body: (
          <DashboardPage
            data={data}
            inEffect={inEffect}
            missingReceiptDetails={missing}
            unmatched={unmatched}
            webhookUrl={`${options.publicUrl}/stripe/webhook`}
            language={ctx.settings.language}
          />
        ),
      });
    });
  };
}
