// Beside the form: where the article stands, what is missing before it can be published, and the next
// steps this person may take. Each step button submits the article form itself (formaction), so what was
// typed is saved with the step and never left behind.

import {
  canEditArticle,
  canPublish,
  canSchedule,
  canSubmitForReview,
  canTrashArticle,
  canUnpublish,
  type StaffMember,
} from '../../admin/guardian.js';
import { articlePath } from '../../articles/model.js';
import { missedSchedule, STATUS_LABELS } from '../article-status.js';
import type { EditableArticle } from '../editable.js';

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
        {article.status === 'review' && canEditArticle(me, article) && step('draft', 'Back to draft')}
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
