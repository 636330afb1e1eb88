// The newsroom's donation screens, for admins only: the overview, donors with search and CSV exports,
// campaigns, and the donation settings. Saving what readers see announces the change to the page caches.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { DomainError, Invalid } from '../../http/errors.js';
import type { SiteState } from '../../site/site-state.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import {
  type CampaignInput,
  campaignToInput,
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../campaigns.js';
import { SUPPORT_TAG } from '../cta.js';
import { searchDonors, setPublicListing } from '../donors.js';
import { missingReceiptDetails } from '../receipts.js';
import { dashboard, donationsCsv, donorsCsv } from '../reports.js';
import { readRevenueSettings, saveRevenueSettings } from '../settings.js';
import { CampaignForm, CampaignListPage } from './campaign-pages.js';
import { DashboardPage } from './dashboard-page.js';
import { DonorListPage } from './donor-list-page.js';
import { formToSettings, readSettingsForm, settingsToForm } from './settings-form.js';
import { RevenueSettingsPage } from './settings-page.js';

export interface RevenueAdminOptions {
  db: Kysely<Database>;
  site: SiteState;
  events: ContentEvents;
  clock: () => Date;
  paymentsConfigured: boolean;
  publicUrl: string;
}

// canViewDonations (guardian.ts) is the admin role; the route permission enforces it.
const admin = { config: { permission: 'admin' as const } };
const PER_PAGE = 50;
type IdParams = { Params: { id: string } };

function idParam(request: FastifyRequest<IdParams>, what: string): number {
  const id = Number(request.params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Invalid(`That is not a ${what}.`);
  return id;
}

function campaignInput(body: unknown): CampaignInput {
  return {
    name: formText(body, 'name'),
    goal: formText(body, 'goal'),
    starts: formText(body, 'starts'),
    ends: formText(body, 'ends'),
    ctaHeading: formText(body, 'ctaHeading'),
    ctaText: formText(body, 'ctaText'),
  };
}

function csv(reply: FastifyReply, name: string, body: string) {
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${name}"`)
    .type('text/csv; charset=utf-8')
    .send(body);
}

export function revenueAdminRoutes(options: RevenueAdminOptions) {
  const { db, site, clock } = options;
  const webhookUrl = `${options.publicUrl}/stripe/webhook`;

  async function campaignsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    draft?: CampaignInput,
    error?: DomainError,
  ) {
    const [settings, ctx, campaigns] = await Promise.all([
      readRevenueSettings(db),
      site.context(),
      listCampaigns(db),
    ]);
    const empty = { name: '', goal: '', starts: '', ends: '', ctaHeading: '', ctaText: '' };
    return renderAdmin(request, reply, {
      title: 'Campaigns',
      status: error?.status,
      body: (
        <CampaignListPage
          campaigns={campaigns}
          csrfToken={request.csrfToken}
          currency={settings.currency}
          language={ctx.settings.language}
          timeZone={ctx.settings.timeZone}
          draft={draft ?? empty}
          errors={error?.fields}
          message={error?.message}
        />
      ),
    });
  }

  /** Runs a save; on a domain error shows the form again with what was typed, otherwise redirects. */
  async function saving(
    reply: FastifyReply,
    save: () => Promise<unknown>,
    onError: (error: DomainError) => Promise<FastifyReply>,
    done: { text: string; to: string },
  ) {
    try {
      await save();
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) return onError(error);
      throw error;
    }
    await options.events.changed([SUPPORT_TAG]);
    setFlash(reply, { kind: 'ok', text: done.text });
    return reply.redirect(done.to, 303);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/donations', admin, async (request, reply) => {
      const [settings, ctx, missing] = await Promise.all([
        readRevenueSettings(db),
        site.context(),
        missingReceiptDetails(db),
      ]);
      const data = await dashboard(db, clock(), settings.currency, ctx.settings.timeZone);
      return renderAdmin(request, reply, {
        title: 'Donations',
        body: (
          <DashboardPage
            data={data}
            configured={options.paymentsConfigured}
            missingReceiptDetails={missing}
            webhookUrl={webhookUrl}
            language={ctx.settings.language}
          />
        ),
      });
    });

    app.get<{ Querystring: { q?: unknown; page?: unknown } }>(
      '/admin/donations/donors',
      admin,
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

    app.post<IdParams>('/admin/donations/donors/:id/unlist', admin, async (request, reply) => {
      await setPublicListing(db, idParam(request, 'donor'), false, clock());
      await options.events.changed([SUPPORT_TAG]);
      setFlash(reply, { kind: 'ok', text: 'The donor is no longer listed publicly.' });
      return reply.redirect('/admin/donations/donors', 303);
    });

    app.get('/admin/donations/donors.csv', admin, async (_request, reply) =>
      csv(reply, 'donors.csv', await donorsCsv(db)),
    );
    app.get('/admin/donations/donations.csv', admin, async (_request, reply) =>
      csv(reply, 'donations.csv', await donationsCsv(db)),
    );

    app.get('/admin/donations/campaigns', admin, (request, reply) => campaignsPage(request, reply));

    app.post('/admin/donations/campaigns', admin, async (request, reply) => {
      const input = campaignInput(request.body);
      const [settings, ctx] = await Promise.all([readRevenueSettings(db), site.context()]);
      return saving(
        reply,
        () => createCampaign(db, input, settings.currency, ctx.settings.timeZone, clock()),
        (error) => campaignsPage(request, reply, input, error),
        { text: `Campaign ${input.name.trim()} added.`, to: '/admin/donations/campaigns' },
      );
    });

    app.get<IdParams>('/admin/donations/campaigns/:id', admin, async (request, reply) => {
      const campaign = await getCampaign(db, idParam(request, 'campaign'));
      const ctx = await site.context();
      return renderAdmin(request, reply, {
        title: campaign.name,
        body: (
          <>
            <h1>{campaign.name}</h1>
            <p>
              <a href="/admin/donations/campaigns">← Campaigns</a>
            </p>
            <CampaignForm
              action={`/admin/donations/campaigns/${campaign.id}`}
              csrfToken={request.csrfToken}
              values={campaignToInput(campaign, ctx.settings.timeZone)}
              currency={campaign.currency}
              submit="Save the campaign"
            />
          </>
        ),
      });
    });

    app.post<IdParams>('/admin/donations/campaigns/:id', admin, async (request, reply) => {
      const id = idParam(request, 'campaign');
      const campaign = await getCampaign(db, id);
      const input = campaignInput(request.body);
      const ctx = await site.context();
      return saving(
        reply,
        () => updateCampaign(db, id, input, ctx.settings.timeZone, clock()),
        async (error) =>
          renderAdmin(request, reply, {
            title: campaign.name,
            status: error.status,
            body: (
              <>
                <h1>{campaign.name}</h1>
                <CampaignForm
                  action={`/admin/donations/campaigns/${id}`}
                  csrfToken={request.csrfToken}
                  values={input}
                  currency={campaign.currency}
                  errors={error.fields}
                  message={error.message}
                  submit="Save the campaign"
                />
              </>
            ),
          }),
        { text: 'Campaign saved.', to: `/admin/donations/campaigns/${id}` },
      );
    });

    app.get('/admin/donations/settings', admin, async (request, reply) =>
      renderAdmin(request, reply, {
        title: 'Donation settings',
        body: (
          <RevenueSettingsPage
            csrfToken={request.csrfToken}
            values={settingsToForm(await readRevenueSettings(db))}
            configured={options.paymentsConfigured}
            webhookUrl={webhookUrl}
          />
        ),
      }),
    );

    app.post('/admin/donations/settings', admin, async (request, reply) => {
      const values = readSettingsForm(request.body);
      return saving(
        reply,
        () => saveRevenueSettings(db, formToSettings(values), clock()),
        async (error) =>
          renderAdmin(request, reply, {
            title: 'Donation settings',
            status: error.status,
            body: (
              <RevenueSettingsPage
                csrfToken={request.csrfToken}
                values={values}
                errors={error.fields}
                message={error.message}
                configured={options.paymentsConfigured}
                webhookUrl={webhookUrl}
              />
            ),
          }),
        {
          text: 'Donation settings saved. The site shows them from now on.',
          to: '/admin/donations/settings',
        },
      );
    });
  };
}
