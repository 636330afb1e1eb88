// The newsroom's analytics: GET /admin/analytics (a period chosen in its query string) and each of its tables
// as CSV, for editors and admins (guardian.ts canViewAnalytics; the route permission enforces it).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin } from '../../admin/auth/render.js';
import { listAuthorProfiles } from '../../editorial/authors/profiles.js';
import { NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { loadDashboard } from '../dashboard.js';
import { dashboardRange } from '../dashboard-range.js';
import { toCsv } from './csv.js';
import { DashboardPage } from './dashboard-page.js';
import { TABLES } from './tables.js';

export interface AnalyticsAdminOptions {
  db: Kysely<Database>;
  clock: () => Date;
}

const editors = { config: { permission: 'editor' as const } };

export function analyticsAdminRoutes(options: AnalyticsAdminOptions) {
  const { db, clock } = options;

  async function dashboardFor(request: FastifyRequest) {
    const now = clock();
    const range = dashboardRange(request.query, now);
    return loadDashboard(db, range, now, async (ids) => {
      if (ids.length === 0) return new Map();
      const profiles = await listAuthorProfiles(db, request.staff!);
      return new Map(profiles.map((p) => [p.id, p.name]));
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/analytics', editors, async (request, reply) => {
      const data = await dashboardFor(request);
      return renderAdmin(request, reply, {
        title: 'Analytics',
        body: <DashboardPage data={data} />,
        assets: ['analytics-admin.js', 'analytics-admin.css'],
      });
    });

    app.get<{ Params: { table: string } }>('/admin/analytics/:table.csv', editors, async (request, reply) => {
      const table = TABLES[request.params.table];
      if (!table) throw new NotFound('There is no such table.');
      const data = await dashboardFor(request);
      const csv = toCsv(
        table.columns.map((c) => c.header),
        table.rows(data).map((row) => table.columns.map((c) => c.cell(row))),
      );
      const file = `${table.name}-${data.range.days[0]!.slice(0, 10)}-${data.range.days.at(-1)!.slice(0, 10)}.csv`;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${file}"`)
        .type('text/csv; charset=utf-8')
        .send(csv);
    });
  };
}
