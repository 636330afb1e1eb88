// Campaign screens for admins: the list with each campaign's progress and the form for a new one, and one
// campaign's page to edit it.
import type { DomainError, FieldErrors } from '../../http/errors.js';
import { type CampaignInput, campaignToInput } from '../campaign-input.js';
import type { Campaign, CampaignWithProgress } from '../campaigns.js';
import { formatMoney } from '../money.js';
import { CampaignForm } from './campaign-form.js';

export function CampaignEditPage(props: {
  campaign: Campaign;
  csrfToken: string;
  values: CampaignInput;
  error?: DomainError;
}) {
  const { campaign } = props;
  return (
    <>
      <h1>{campaign.name}</h1>
      <p>
        <a href="/admin/donations/campaigns">← Campaigns</a>
      </p>
      <CampaignForm
        action={`/admin/donations/campaigns/${campaign.id}`}
        csrfToken={props.csrfToken}
        values={props.values}
        currency={campaign.currency}
        errors={props.error?.fields}
        message={props.error?.message}
        submit="Save the campaign"
      />
    </>
  );
}

export function CampaignListPage(props: {
  campaigns: CampaignWithProgress[];
  csrfToken: string;
  currency: string;
  language: string;
  timeZone: string;
  draft: CampaignInput;
  errors?: FieldErrors;
  message?: string;
}) {
  const money = (amount: number, currency: string) => formatMoney({ amount, currency }, props.language);
  return (
    <>
      <h1>Campaigns</h1>
      <p>
        <a href="/admin/donations">← Donations</a>
      </p>
      {props.campaigns.length === 0 ? (
        <p>No campaigns yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Days</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {props.campaigns.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/donations/campaigns/${c.id}`}>{c.name}</a>
                </th>
                <td>
                  {/* First and last day in the site's time zone, as they were entered. */}
                  {campaignToInput(c, props.timeZone).starts} – {campaignToInput(c, props.timeZone).ends}
                </td>
                <td>
                  <meter min={0} max={c.goal} value={Math.min(c.raised, c.goal)} />{' '}
                  {money(c.raised, c.currency)} of {money(c.goal, c.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="panel" aria-labelledby="new-campaign">
        <h2 id="new-campaign">New campaign</h2>
        <CampaignForm
          action="/admin/donations/campaigns"
          csrfToken={props.csrfToken}
          values={props.draft}
          currency={props.currency}
          errors={props.errors}
          message={props.message}
          submit="Add the campaign"
        />
      </section>
    </>
  );
}
