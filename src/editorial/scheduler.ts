// Publishes scheduled articles when their time comes, each checked first as publishing by hand checks it.
// State lives only in the database, so an article due while every instance was down is published on the
// next start, and any number of instances may tick: each article is claimed by one atomic UPDATE. The
// background jobs (server/background-jobs.ts) tick at start and then at an interval.
import type { Kysely } from 'kysely';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import { announceListed } from './announce.js';
import { loadArticle } from './editable.js';
import { publishReadiness } from './publish-readiness.js';
import { holdBackScheduled, publishScheduled, selectDue } from './queries/due.js';
import { queueArticleEvent } from './webhook-events.js';

export interface DueArticle {
  id: number;
  slug: string;
  /** Why it was held back, by field; empty for a published one. */
  problems: Record<string, string>;
}

export interface TickOutcome {
  published: DueArticle[];
  /** Not ready when due: back to draft with a note for the newsroom (missedSchedule), never published. */
  heldBack: DueArticle[];
  /** Could not be checked (the database went away mid-tick): still scheduled, tried again next tick. */
  failed: Array<{ id: number; error: unknown }>;
}

/** One tick: every due article is checked at this moment and then published or held back, never both. */
export async function publishDueArticles(
  deps: { db: Kysely<Database>; events: ContentEvents },
  now: Date,
): Promise<TickOutcome> {
  const at = now.toISOString();
  const outcome: TickOutcome = { published: [], heldBack: [], failed: [] };
  for (const { id } of await selectDue(deps.db, at)) {
    // One article that cannot be read must not keep the others from going out.
    try {
      const article = await loadArticle(deps.db, id);
      // Checked now, not when it was scheduled: since then it may have been saved some way that skipped
      // the check, or an image's licence may have ended.
      const { problems } = await publishReadiness(deps, article, now);
      const ready = Object.keys(problems).length === 0;
      const claimed = ready
        ? await deps.db.transaction().execute(async (trx) => {
            const claimed = await publishScheduled(trx, id, article.version, at);
            if (claimed) await queueArticleEvent(trx, 'article.published', id, now);
            return claimed;
          })
        : await holdBackScheduled(deps.db, id, article.version, at);
      // Not claimed: another instance took it, or it was saved since it was read; the next tick looks again.
      if (claimed) {
        (ready ? outcome.published : outcome.heldBack).push({ id, slug: article.fields.slug, problems });
      }
    } catch (error) {
      outcome.failed.push({ id, error });
    }
  }
  if (outcome.published.length > 0) {
    await announceListed(
      deps,
      outcome.published.map((p) => p.id),
    );
  }
  return outcome;
}
