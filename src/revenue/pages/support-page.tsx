// The /support page: why to give, the campaign's progress, the donation form (pages/support-form.tsx), and
// the names of supporters who asked to be listed. Works without JavaScript. Without payments configured, no
// form.
import type { FieldErrors } from '../../http/errors.js';
import type { SiteContext } from '../../site/site-context.js';
import type { DonationInterval } from '../../storage/schema.js';
import { Layout } from '../../views/layout.js';
import { CampaignProgress, type CtaState } from '../cta.js';
import type { DonationForm } from '../donation-form.js';
import { SupportForm } from './support-form.js';

export interface SupportPageProps {
  ctx: SiteContext;
  state: CtaState;
  configured: boolean;
  interval: DonationInterval;
  values: DonationForm;
  supporters: string[];
  errors?: FieldErrors;
  message?: string;
}

export function SupportPage(props: SupportPageProps) {
  const { ctx, state } = props;
  const heading = state.campaign?.ctaHeading || state.settings.ctaHeading;
  const text = state.campaign?.ctaText || state.settings.ctaText;
  const title = `${heading} – ${ctx.settings.siteName}`;
  return (
    <Layout
      ctx={ctx}
      head={
        <>
          <title>{title}</title>
          {text && <meta name="description" content={text} />}
          <link rel="canonical" href={`${ctx.baseUrl}/support`} />
        </>
      }
    >
      <div class="support-page">
        <h1 class="page-title">{heading}</h1>
        {text && <p class="page-intro">{text}</p>}
        {state.campaign && (
          <CampaignProgress
            campaign={state.campaign}
            language={ctx.settings.language}
            id="support-progress"
          />
        )}
        {props.configured ? (
          <SupportForm
            settings={state.settings}
            language={ctx.settings.language}
            interval={props.interval}
            values={props.values}
            errors={props.errors}
            message={props.message}
          />
        ) : state.mode === 'external' && state.externalUrl ? (
          <p class="support-actions">
            <a class="support-button" href={state.externalUrl} rel="noopener">
              Donate on our donation page
            </a>
          </p>
        ) : (
          <p class="support-closed">
            Online donations are not open yet. Thank you for wanting to support us.
          </p>
        )}
        <p class="support-hint">
          Already giving? <a href="/support/manage">Change a recurring donation or get a yearly summary</a>.
        </p>
        {props.supporters.length > 0 && (
          <section aria-labelledby="supporters">
            <h2 id="supporters">Thank you to our supporters</h2>
            <ul class="supporters">
              {props.supporters.map((name) => (
                <li>{name}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Layout>
  );
}
