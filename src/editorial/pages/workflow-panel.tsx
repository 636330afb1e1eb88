// Beside the form: where the article stands, what is missing before it can be published, and the next
// steps this person may take. Each step button submits the article form itself (formaction), so what was
// typed is saved with the step and never left behind.

import {
  canPublish,
  canReturnToWriter,
  canSchedule,
  canSubmitForReview,
  canTrashArticle,
  canUnpublish,
  canWithdrawFromReview,
  type StaffMember,
} from '../../admin/guardian.js';
import { CsrfField } from '../../admin/views/admin-layout.js';
import { articlePath } from '../../articles/model.js';
import type { FieldErrors } from '../../http/errors.js';
import { missedSchedule, STATUS_LABELS } from '../article-status.js';
import type { EditableArticle } from '../editable.js';
import { RETURN_NOTE_MAX } from '../review-returns.js';

export function WorkflowPanel(props: {
  me: StaffMember;
  article: EditableArticle;
  problems: Record<string, string>;
  /** Image licences ending soon: the article may go out, but someone must act before they end. */
  warnings: string[];
  /** The scheduled time (or a suggestion) as a datetime-local value in the site's zone. */
  scheduleValue: string;
  timeZone: string;
  when: (iso: string) => string;
  oldSlugs: string[];
  csrfToken: string;
  /** The article is shown read-only: its steps cannot send the (disabled) article form along. */
  readOnly: boolean;
  /** Notes for the writer as typed, kept when returning was refused. */
  returnNote: string;
  errors?: FieldErrors;
}) {
  const { me, article, problems } = props;
  const base = `/admin/articles/${article.id}`;
  const step = (action: string, label: string, extra: Record<string, string> = {}) => (
    <button type="submit" form="article-form" formaction={`${base}/${action}`} {...extra}>
      {label}
    </button>
  );
  const mayPublish = canPublish(me) && article.status !== 'published';
  const missing = Object.values(problems);
  const missed = missedSchedule(article);
  return (
    <section class="panel workflow" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">
        Status: <span class={`status status-${article.status}`}>{STATUS_LABELS[article.status]}</span>
      </h2>
      {article.status === 'scheduled' && article.scheduledAt && (
        <p>
          Publishes itself at {props.when(article.scheduledAt)}. Changes are saved only when you press Save,
          and only while it stays ready to publish.
        </p>
      )}
      {missed && (
        <div class="checklist checklist-warning held-back" id="held-back">
          <p>
            <strong>Not published.</strong> It was due to publish itself at {props.when(missed)}, but it was
            not ready then, so it went back to draft.{' '}
            {missing.length > 0
              ? 'Fix what is listed below, then schedule it again or publish it.'
              : 'It is ready now: schedule it again or publish it.'}
          </p>
        </div>
      )}
      {article.status === 'published' && (
        <p>
          {/* The version in the address makes it one the browser and any CDN have not kept: an Update shows. */}
          <a href={`${articlePath(article.fields.slug)}?v=${article.version}`}>View it on the site</a>
          {article.publishedAt && ` · published ${props.when(article.publishedAt)}`}
        </p>
      )}
      {props.oldSlugs.length > 0 && (
        <p class="hint">Old addresses that redirect here: {props.oldSlugs.join(', ')}.</p>
      )}
      {article.status !== 'published' && (
        // Kept on the page when empty: the editor script updates it as the article is written.
        <div class="checklist" id="publish-checklist" hidden={missing.length === 0}>
          <p>Before it can be published:</p>
          <ul>
            {Object.entries(problems).map(([field, m]) => (
              <li data-field={field}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {props.warnings.length > 0 && (
        <div class="checklist checklist-warning" role="note">
          <p>Licences ending soon:</p>
          <ul>
            {props.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="actions">
        {canSubmitForReview(me, article) && step('submit', 'Submit for review')}
        {/* An editor sends someone else's article back with notes (below), never silently. */}
        {canWithdrawFromReview(me, article) &&
          !props.readOnly &&
          (article.createdBy === me.id || !canReturnToWriter(me)) &&
          step('draft', 'Back to draft')}
        {article.status === 'scheduled' && canSchedule(me) && step('draft', 'Cancel the schedule')}
        {mayPublish && step('publish', article.status === 'unpublished' ? 'Publish again' : 'Publish now')}
        {article.status === 'published' &&
          canUnpublish(me) &&
          step('unpublish', 'Unpublish', {
            class: 'danger',
            'data-confirm': 'Unpublish this article? Readers will no longer find it.',
          })}
        {/* Never published: it may go to the trash (a published one can only be unpublished). */}
        {article.publishedAt === null &&
          article.status !== 'published' &&
          article.status !== 'unpublished' &&
          canTrashArticle(me, article) &&
          step('trash', 'Move to trash', {
            class: 'danger',
            name: 'from',
            value: 'editor',
            'data-confirm':
              'Move this article to the trash? It can be restored for 30 days; its slug is freed.',
          })}
      </div>
      {props.readOnly && canWithdrawFromReview(me, article) && (
        // Nothing to save along: the writer only takes the article back, then edits it as a draft.
        <form method="post" action={`${base}/draft`} class="withdraw">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="withdraw" value="1" />
          <button type="submit">Back to draft</button>
        </form>
      )}
      {/* Notes typed for a return that was refused (say, the writer took it back meanwhile) stay on show. */}
      {(article.status === 'review' || props.returnNote !== '') && canReturnToWriter(me) && (
        <ReturnToWriter base={base} note={props.returnNote} error={props.errors?.returnNote} />
      )}
      {canSchedule(me) && article.status !== 'published' && (
        <div class="schedule">
          <label for="f-scheduledAt">Publish at ({props.timeZone})</label>
          <input
            type="datetime-local"
            id="f-scheduledAt"
            name="scheduledAt"
            form="article-form"
            value={props.scheduleValue}
          />
          {step('schedule', article.status === 'scheduled' ? 'Reschedule' : 'Schedule')}
        </div>
      )}
      <p class="links">
        <a href={`${base}/revisions`}>Revisions</a> · <a href={`${base}/preview`}>Preview</a>
      </p>
    </section>
  );
}

/** The editor's way back to the writer: notes required, sent with the article form so edits are kept too. */
function ReturnToWriter(props: { base: string; note: string; error?: string }) {
  return (
    <div class="return-to-writer">
      <label for="f-returnNote">Notes for the writer</label>
      <textarea
        id="f-returnNote"
        name="returnNote"
        form="article-form"
        maxLength={RETURN_NOTE_MAX}
        aria-describedby={`f-returnNote-hint${props.error ? ' f-returnNote-error' : ''}`}
        aria-invalid={props.error ? 'true' : undefined}
        value={props.note}
      />
      <p class="hint" id="f-returnNote-hint">
        What to change before it can go out. The writer sees these notes in the newsroom and by email.
      </p>
      {props.error && (
        <p class="field-error" id="f-returnNote-error">
          {props.error}
        </p>
      )}
      <button type="submit" form="article-form" formaction={`${props.base}/return`} class="secondary">
        Return to writer
      </button>
    </div>
  );
}
