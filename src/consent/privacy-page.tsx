// The public /privacy page: what is collected, by whom, why and for how long (privacy-facts.ts), and, when
// the site uses other companies' services, how to make or change the choice. The same for every reader.
import type { SiteContext } from '../site/site-context.js';
import { Layout } from '../views/layout.js';
import type { PrivacyFact } from './privacy-facts.js';
import { CHOICES_PATH, PRIVACY_PATH } from './shell.js';

// One block per fact rather than a table: five columns do not fit a phone, a list of terms does.
function Fact(props: { fact: PrivacyFact }) {
  const { fact } = props;
  return (
    <section class="privacy-fact">
      <h3>
        {fact.topic}
        {fact.policy && (
          <>
            {' '}
            <a href={fact.policy}>(privacy policy)</a>
          </>
        )}
      </h3>
      <dl>
        <dt>Who</dt>
        <dd>{fact.by}</dd>
        <dt>What</dt>
        <dd>{fact.what}</dd>
        <dt>Why</dt>
        <dd>{fact.why}</dd>
        <dt>For how long</dt>
        <dd>{fact.howLong}</dd>
        <dt>Needs your consent</dt>
        <dd>{fact.consent ? 'Only if you agree' : 'No'}</dd>
      </dl>
    </section>
  );
}

export function PrivacyPage(props: { ctx: SiteContext; facts: PrivacyFact[]; thirdParties: boolean }) {
  const { ctx, facts } = props;
  const site = ctx.settings.siteName;
  const description = `What ${site} collects about readers, who else does, why and for how long.`;
  return (
    <Layout
      ctx={ctx}
      head={
        <>
          <title>{`Privacy · ${site}`}</title>
          <meta name="description" content={description} />
          <link rel="canonical" href={ctx.baseUrl + PRIVACY_PATH} />
        </>
      }
    >
      <h1 class="page-title">Privacy</h1>
      <p class="page-intro">{description}</p>
      <h2>What is collected</h2>
      {facts.map((fact) => (
        <Fact fact={fact} />
      ))}
      <h2 id="choices">Your choices</h2>
      {props.thirdParties ? (
        <>
          <p>
            The services of other companies above load only after you agree, only for the purposes you agree
            to, and never without JavaScript. If your browser sends Global Privacy Control, marketing stays
            off whatever you choose.
          </p>
          <p>
            <a href={CHOICES_PATH}>Change your privacy choices</a> (also at the foot of every page).
          </p>
        </>
      ) : (
        <p>
          This site loads nothing from other companies for statistics or advertising, so there is nothing to
          choose.
        </p>
      )}
    </Layout>
  );
}
