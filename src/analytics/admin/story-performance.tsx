// "How is this story doing": the editor's side panel for a published article (editorial/edit-side.tsx asks
// for it by this one function): its views, visitors, read depth and engaged time since it went out, from the
// roll-ups, and the donations the revenue ledger recorded from its page.
import type { Kysely } from 'kysely';
import { type ArticleDonations, donationsByArticle } from '../../revenue/article-donations.js';
import type { Database } from '../../storage/schema.js';
import { dimensionTotals, type Totals } from '../dashboard-queries.js';
import { duration, percent, perView } from './tables.js';

export async function storyPerformancePanel(
  db: Kysely<Database>,
  article: { id: number; publishedAt: string | null },
  now: Date,
) {
  const [totals, donations] = await Promise.all([
    dimensionTotals(db, 'article', String(article.id)),
    donationsByArticle(db, article.publishedAt ?? '1970-01-01T00:00:00.000Z', now.toISOString(), [
      article.id,
    ]),
  ]);
  return <StoryPerformance articleId={article.id} totals={totals} donations={donations} />;
}

function StoryPerformance(props: { articleId: number; totals: Totals; donations: ArticleDonations[] }) {
  const { totals, donations } = props;
  const gifts = donations.reduce((n, d) => n + d.donations, 0);
  return (
    <section class="panel story-performance" aria-labelledby="story-performance">
      <h2 id="story-performance">How is this story doing</h2>
      <dl>
        <dt>Views</dt>
        <dd>{totals.views}</dd>
        <dt>Visitors</dt>
        <dd>{totals.visitors}</dd>
        <dt>Read half</dt>
        <dd>{percent(totals.depth50, totals.views)}</dd>
        <dt>Read to the end</dt>
        <dd>{percent(totals.depth100, totals.views)}</dd>
        <dt>Engaged time per view</dt>
        <dd>{perView(totals)}</dd>
        <dt>Engaged time in all</dt>
        <dd>{duration(totals.engagedSeconds)}</dd>
        <dt>Donations from its page</dt>
        <dd>
          {gifts}
          {donations.map((d) => ` · ${d.currency.toUpperCase()} ${(d.net / 100).toFixed(2)}`).join('')}
        </dd>
      </dl>
      <p>
        Since publication, counted up to the last roll-up (every few minutes).{' '}
        <a href="/admin/analytics?range=30d">All analytics</a>
      </p>
    </section>
  );
}
