// Beside a saved article's form: where it stands and what it still needs (checked for the moment it would
// go out, licences included), its old addresses, and its corrections.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { canViewAnalytics } from '../admin/guardian.js';
import { storyPerformancePanel } from '../analytics/admin/story-performance.js';
import type { FieldErrors } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { localInputValue } from '../views/dates.js';
import { listCorrections } from './corrections.js';
import type { EditableArticle } from './editable.js';
import { type CorrectionDraft, CorrectionsPanel } from './pages/corrections-admin.js';
import { WorkflowPanel } from './pages/workflow-panel.js';
import { publicationTime, publishReadiness } from './publish-readiness.js';
import { selectOldSlugs } from './queries/old-slugs.js';

const HOUR_MS = 60 * 60 * 1000;

export async function sidePanels(
  deps: { db: Kysely<Database>; clock: () => Date },
  request: FastifyRequest,
  article: EditableArticle,
  time: { when: (iso: string) => string; timeZone: string },
  correctionDraft: CorrectionDraft | undefined,
  review: { readOnly: boolean; returnNote: string; errors?: FieldErrors },
) {
  const { db } = deps;
  const me = request.staff!;
  const now = deps.clock();
  const { when, timeZone } = time;
  const [readiness, corrections, oldSlugs, performance] = await Promise.all([
    // A scheduled article must still be publishable when its time comes, licences included.
    publishReadiness({ db }, article, publicationTime(article, now)),
    listCorrections(db, article.id),
    selectOldSlugs(db, article.id),
    article.status === 'published' && canViewAnalytics(me) ? storyPerformancePanel(db, article, now) : null,
  ]);
  // A draft held back by the scheduler keeps the time it missed; a new schedule must be in the future.
  const scheduleAt =
    article.status === 'scheduled' && article.scheduledAt
      ? article.scheduledAt
      : new Date(now.getTime() + HOUR_MS).toISOString();
  return (
    <>
      <WorkflowPanel
        me={me}
        article={article}
        problems={readiness.problems}
        warnings={readiness.warnings}
        scheduleValue={localInputValue(scheduleAt, timeZone)}
        timeZone={timeZone}
        when={when}
        oldSlugs={oldSlugs}
        csrfToken={request.csrfToken}
        readOnly={review.readOnly}
        returnNote={review.returnNote}
        errors={review.errors}
      />
      {performance}
      <CorrectionsPanel
        me={me}
        csrfToken={request.csrfToken}
        article={article}
        corrections={corrections}
        draft={correctionDraft}
        when={when}
      />
    </>
  );
}
