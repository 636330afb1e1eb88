// The newsroom's donor screens: the list with search, taking a name off the public list of supporters, and
// the donor and donation lists as CSV.
import type { FastifyInstance } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { SUPPORT_TAG } from '../cta.js';
import { searchDonors } from '../donor-search.js';
import { setPublicListing } from '../donors.js';
import { donationsCsv, donorsCsv } from '../exports.js';
import { adminOnly, type IdParams, idParam, sendCsv } from './admin-replies.js';
import { DonorListPage } from './donor-list-page.js';
import type { RevenueAdminOptions } from './routes.js';

const PER_PAGE = 50;

export function donorAdminRoutes(options: RevenueAdminOptions) {
  const { db, site, clock } = options;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get<{ Querystring: { q?: unknown; page?: unknown } }>(
      '/admin/donations/donors',
      adminOnly,
      async (request, reply) => {
        const search = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
        const page = Math.max(
          1,
          Math.min(100_000, Number.parseInt(String(request.query.page ?? '1'), 10) || 1),
        );
        const [found, ctx] = await Promise.all([
          searchDonors(db, search, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
          site.context(),
        ]);
        return renderAdmin(request, reply, {
          title: 'Donors',
          body: (
            <DonorListPage
              items={found.items}
              total={found.total}
              search={search}
              page={page}
              pages={Math.max(1, Math.ceil(found.total / PER_PAGE))}
              csrfToken={request.csrfToken}
              language={ctx.settings.language}
            />
          ),
        });
      },
    );

    app.post<IdParams>('/admin/donations/donors/:id/unlist', adminOnly, async (request, reply) => {
      await setPublicListing(db, idParam(request, 'donor'), false, clock());
      await options.events.changed([SUPPORT_TAG]);
      setFlash(reply, { kind: 'ok', text: 'The donor is no longer listed publicly.' });
      return reply.redirect('/admin/donations/donors', 303);
    });

    app.get('/admin/donations/donors.csv', adminOnly, async (_request, reply) =>
      sendCsv(reply, 'donors.csv', await donorsCsv(db)),
    );
    app.get('/admin/donations/donations.csv', adminOnly, async (_request, reply) =>
      sendCsv(reply, 'donations.csv', await donationsCsv(db)),
    );
  };
}
