// The call-to-action readers see in articles and on the front page: the campaign's words (or the default
// ones), its progress towards the goal, and links to the support page. Plain links and a native
// <progress>: no script, no inline style, and nothing that could pretend to take money.
import type { CampaignWithProgress } from './campaigns.js';
import { formatMoney } from './money.js';
import type { PaymentMode } from './payment-mode.js';
import type { RevenueSettings } from './settings.js';

/** The cache tag of every page that shows the call-to-action or the support page (campaign progress, words). */
export const SUPPORT_TAG = 'support';

export interface CtaState {
  settings: RevenueSettings;
  campaign: CampaignWithProgress | null;
  /** The way of giving in effect: Stripe on /support, an external donation page, or none (no call-to-action). */
  mode: PaymentMode;
  externalUrl: string;
}

export function CampaignProgress(props: { campaign: CampaignWithProgress; language: string; id: string }) {
  const { campaign } = props;
  const money = (amount: number) => formatMoney({ amount, currency: campaign.currency }, props.language);
  const label = `${money(campaign.raised)} raised of our ${money(campaign.goal)} goal`;
  return (
    <div class="support-progress">
      <progress id={props.id} max={campaign.goal} value={Math.min(campaign.raised, campaign.goal)}>
        {label}
      </progress>
      <label for={props.id}>
        <strong>{money(campaign.raised)}</strong> raised of our {money(campaign.goal)} goal
        {campaign.donors > 0 && ` · ${campaign.donors} ${campaign.donors === 1 ? 'supporter' : 'supporters'}`}
      </label>
    </div>
  );
}

function supportPath(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const text = params.toString();
  return text ? `/support?${text}` : '/support';
}

export function SupportCallToAction(props: {
  state: CtaState;
  language: string;
  /** Which of the page's calls-to-action this is, for unique ids. */
  place: 'body' | 'end' | 'home';
  /** The article the reader is on, so the newsroom can see which stories move readers to give. */
  from?: string;
}) {
  const { settings, campaign } = props.state;
  const heading = campaign?.ctaHeading || settings.ctaHeading;
  const text = campaign?.ctaText || settings.ctaText;
  const monthly = settings.presets.month.suggested;
  const headingId = `support-cta-${props.place}`;
  const external = props.state.mode === 'external' && props.state.externalUrl;
  return (
    <aside class={`support-cta support-cta-${props.place}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {text && <p>{text}</p>}
      {campaign && (
        <CampaignProgress
          campaign={campaign}
          language={props.language}
          id={`support-progress-${props.place}`}
        />
      )}
      {external ? (
        <p class="support-actions">
          <a class="support-button" href={props.state.externalUrl} rel="noopener">
            Donate
          </a>{' '}
          <a href="/support">Why we ask</a>
        </p>
      ) : (
        <p class="support-actions">
          <a class="support-button" href={supportPath({ from: props.from })}>
            Donate
          </a>{' '}
          <a href={supportPath({ interval: 'month', from: props.from })}>
            or give {formatMoney({ amount: monthly, currency: settings.currency }, props.language)} a month
          </a>
        </p>
      )}
    </aside>
  );
}
