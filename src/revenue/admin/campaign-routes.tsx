// The newsroom's campaign screens: the list with each campaign's progress and a form to add one, and one
// campaign's form to edit it. A campaign is checked in its own domain file; a form with errors comes back
// with what was typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import type { DomainError } from '../../http/errors.js';
import { type CampaignInput, campaignToInput } from '../campaign-input.js';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from '../campaigns.js';
import { readRevenueSettings } from '../settings.js';
import { adminOnly, type IdParams, idParam, saving } from './admin-replies.js';
import { CampaignEditPage, CampaignListPage } from './campaign-pages.js';
import type { RevenueAdminOptions } from './routes.js';

const EMPTY: CampaignInput = { name: '', goal: '', starts: '', ends: '', ctaHeading: '', ctaText: '' };

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

export function campaignRoutes(options: RevenueAdminOptions) {
  const { db, site, clock, events } = options;

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
          draft={draft ?? EMPTY}
          errors={error?.fields}
          message={error?.message}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/donations/campaigns', adminOnly, (request, reply) => campaignsPage(request, reply));

    app.post('/admin/donations/campaigns', adminOnly, async (request, reply) => {
      const input = campaignInput(request.body);
      const [settings, ctx] = await Promise.all([readRevenueSettings(db), site.context()]);
      return saving(
        reply,
        events,
        () => createCampaign(db, input, settings.currency, ctx.settings.timeZone, clock()),
        (error) => campaignsPage(request, reply, input, error),
        { text: `Campaign ${input.name.trim()} added.`, to: '/admin/donations/campaigns' },
      );
    });

    app.get<IdParams>('/admin/donations/campaigns/:id', adminOnly, async (request, reply) => {
      const campaign = await getCampaign(db, idParam(request, 'campaign'));
      const ctx = await site.context();
      return renderAdmin(request, reply, {
        title: campaign.name,
        body: (
          <CampaignEditPage
            campaign={campaign}
            csrfToken={request.csrfToken}
            values={campaignToInput(campaign, ctx.settings.timeZone)}
          />
        ),
      });
    });

    app.post<IdParams>('/admin/donations/campaigns/:id', adminOnly, async (request, reply) => {
      const id = idParam(request, 'campaign');
      const campaign = await getCampaign(db, id);
      const input = campaignInput(request.body);
      const ctx = await site.context();
      return saving(
        reply,
        events,
        () => updateCampaign(db, id, input, ctx.settings.timeZone, clock()),
        async (error) =>
          renderAdmin(request, reply, {
            title: campaign.name,
            status: error.status,
            body: (
              <CampaignEditPage
                campaign={campaign}
                csrfToken={request.csrfToken}
                values={input}
                error={error}
              />
            ),
          }),
        { text: 'Campaign saved.', to: `/admin/donations/campaigns/${id}` },
      );
    });
  };
}
