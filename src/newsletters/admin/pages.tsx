// The newsroom's newsletter screens: the lists with their subscribers (add a list, import, export), the
// editions, the form an edition is written in, and an edition's send with its progress.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { PostButton } from '../../admin/views/post-button.js';
import { StaffTime } from '../../admin/views/staff-time.js';
import type { FieldErrors } from '../../http/errors.js';
import type { Edition } from '../editions.js';
import type { ListInput, NewsletterList } from '../lists.js';
import type { SendProgress } from '../send-queue.js';
import type { ImportReport } from '../subscriber-import.js';

export function NewslettersAdminPage(props: {
  csrfToken: string;
  lists: NewsletterList[];
  counts: Map<number, Record<string, number>>;
  editions: Edition[];
  draft: ListInput;
  errors?: FieldErrors;
  message?: string;
}) {
  const listName = new Map(props.lists.map((l) => [l.id, l.name]));
  return (
    <>
      <h1>Newsletters</h1>
      <p>
        <a class="button" href="/admin/newsletters/editions/new">
          Write an edition
        </a>
      </p>
      <h2>Editions</h2>
      {props.editions.length === 0 ? (
        <p>No editions yet.</p>
      ) : (
        <table class="admin-table">
          <thead>
            <tr>
              <th>Subject</th>
              <th>Newsletter</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {props.editions.map((e) => (
              <tr>
                <td>
                  <a href={`/admin/newsletters/editions/${e.id}`}>{e.subject}</a>
                </td>
                <td>{listName.get(e.listId)}</td>
                <td>{e.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Lists</h2>
      <table class="admin-table">
        <thead>
          <tr>
            <th>Newsletter</th>
            <th>Active</th>
            <th>Waiting for confirmation</th>
            <th>Unsubscribed</th>
            <th>Subscribers</th>
          </tr>
        </thead>
        <tbody>
          {props.lists.map((l) => {
            const c = props.counts.get(l.id) ?? {};
            return (
              <tr>
                <td>
                  {l.name} <a href={`/newsletters/${l.slug}`}>archive</a>
                </td>
                <td>{c.active ?? 0}</td>
                <td>{c.pending ?? 0}</td>
                <td>{c.unsubscribed ?? 0}</td>
                <td>
                  <a href={`/admin/newsletters/lists/${l.id}/subscribers.csv`}>Export CSV</a> ·{' '}
                  <a href={`/admin/newsletters/lists/${l.id}/import`}>Import CSV</a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Add a newsletter</h2>
      <ErrorSummary message={props.message} errors={props.errors} />
      <form method="post" action="/admin/newsletters/lists">
        <CsrfField token={props.csrfToken} />
        <Field name="name" label="Name" value={props.draft.name} errors={props.errors} required />
        <Field
          name="slug"
          label="Address"
          value={props.draft.slug}
          errors={props.errors}
          hint="Its archive is at /newsletters/ and this, e.g. daily-briefing."
          required
        />
        <Field
          name="description"
          label="Description"
          value={props.draft.description}
          errors={props.errors}
          multiline
        />
        <Field
          name="frequency"
          label="How often"
          value={props.draft.frequency}
          errors={props.errors}
          required
        />
        <Field
          name="sender"
          label="Sender"
          value={props.draft.sender}
          errors={props.errors}
          hint="e.g. Morning Briefing <briefing@example.org>; the site's sender when empty."
        />
        <button type="submit">Add newsletter</button>
      </form>
    </>
  );
}

export interface EditionForm {
  listId: string;
  subject: string;
  intro: string;
  articles: string;
  sections: string[];
}

export function EditionFormPage(props: {
  csrfToken: string;
  action: string;
  lists: NewsletterList[];
  sections: Array<{ id: number; name: string }>;
  form: EditionForm;
  errors?: FieldErrors;
  message?: string;
}) {
  const { form } = props;
  return (
    <>
      <h1>{props.action.endsWith('/new') ? 'Write an edition' : 'Edit the edition'}</h1>
      <ErrorSummary message={props.message} errors={props.errors} />
      <form method="post" action={props.action}>
        <CsrfField token={props.csrfToken} />
        <Field
          name="listId"
          label="Newsletter"
          value={form.listId}
          options={props.lists.map((l) => [String(l.id), l.name])}
          errors={props.errors}
        />
        <Field
          name="subject"
          label="Subject"
          value={form.subject}
          errors={props.errors}
          maxLength={200}
          required
        />
        <Field
          name="intro"
          label="Introduction"
          value={form.intro}
          errors={props.errors}
          multiline
          hint="Plain text; a blank line starts a new paragraph."
        />
        <Field
          name="articles"
          label="Articles"
          value={form.articles}
          errors={props.errors}
          multiline
          hint="One article address (its slug) per line, in the order they appear."
        />
        <fieldset>
          <legend>And the latest from these sections</legend>
          {props.sections.map((s) => (
            <div>
              <input
                type="checkbox"
                name="sections"
                id={`section-${s.id}`}
                value={String(s.id)}
                checked={form.sections.includes(String(s.id))}
              />
              <label for={`section-${s.id}`}>{s.name}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">Save draft</button>
      </form>
    </>
  );
}

function duration(seconds: number | null): string {
  if (seconds === null) return 'unknown (nothing is moving)';
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function EditionPage(props: {
  csrfToken: string;
  edition: Edition;
  listName: string;
  progress: SendProgress | null;
  scheduleValue: string;
  timeZone: string;
}) {
  const { edition, progress, csrfToken } = props;
  const base = `/admin/newsletters/editions/${edition.id}`;
  const editable = edition.status === 'draft' || edition.status === 'scheduled';
  return (
    <>
      <h1>{edition.subject}</h1>
      <p>
        {props.listName} · <strong data-status>{edition.status}</strong>
        {edition.scheduledAt && edition.status === 'scheduled' && (
          <>
            {' '}
            for <StaffTime iso={edition.scheduledAt} />
          </>
        )}
      </p>
      {edition.lastError && (
        <p class="flash flash-error" role="alert">
          {edition.lastError}
        </p>
      )}
      <p>
        <a href={`${base}/preview/email`}>Preview as email</a> ·{' '}
        <a href={`${base}/preview/web`}>Preview as web page</a>
        {editable && (
          <>
            {' '}
            · <a href={`${base}/edit`}>Edit</a>
          </>
        )}
      </p>
      {progress && (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">Sending</h2>
          <progress max={progress.total} value={progress.sent + progress.failed} />
          <dl class="send-progress">
            <dt>Sent</dt>
            <dd data-sent>{progress.sent}</dd>
            <dt>Failed</dt>
            <dd data-failed>{progress.failed}</dd>
            <dt>Left</dt>
            <dd data-left>{progress.left}</dd>
            <dt>Rate</dt>
            <dd>{progress.perSecond} a second</dd>
            <dt>Time to finish</dt>
            <dd>{duration(progress.secondsLeft)}</dd>
          </dl>
        </section>
      )}
      <PostButton action={`${base}/test`} csrfToken={csrfToken} kind="secondary">
        Send a test to me
      </PostButton>
      {editable && (
        <>
          <PostButton
            action={`${base}/send`}
            csrfToken={csrfToken}
            confirm="Send this edition to every subscriber now?"
          >
            Send now
          </PostButton>
          <form method="post" action={`${base}/schedule`} class="inline-form">
            <CsrfField token={csrfToken} />
            <label for="schedule-at">Send at ({props.timeZone})</label>
            <input id="schedule-at" name="at" type="datetime-local" value={props.scheduleValue} required />
            <button type="submit">Schedule</button>
          </form>
        </>
      )}
      {edition.status === 'scheduled' && (
        <PostButton action={`${base}/unschedule`} csrfToken={csrfToken} kind="secondary">
          Back to draft
        </PostButton>
      )}
      {edition.status === 'sending' && (
        <PostButton action={`${base}/pause`} csrfToken={csrfToken} kind="secondary">
          Pause
        </PostButton>
      )}
      {edition.status === 'paused' && (
        <PostButton action={`${base}/resume`} csrfToken={csrfToken}>
          Resume
        </PostButton>
      )}
    </>
  );
}

export function ImportPage(props: {
  csrfToken: string;
  list: NewsletterList;
  report?: ImportReport;
  errors?: FieldErrors;
  message?: string;
}) {
  const { report } = props;
  return (
    <>
      <h1>Import subscribers to {props.list.name}</h1>
      <ErrorSummary message={props.message} errors={props.errors} />
      {report && (
        <div role="status">
          <p>
            Imported {report.subscribed}; kept suppressed {report.suppressed}; {report.problems.length} rows
            not imported.
          </p>
          {report.problems.length > 0 && (
            <ul class="import-problems">
              {report.problems.slice(0, 500).map((p) => (
                <li>
                  Line {p.line}: {p.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p>
        A CSV with an email column (a Mailchimp or Substack export). Consent dates are kept; addresses marked
        unsubscribed, cleaned or bounced are suppressed and never mailed.
      </p>
      <form
        method="post"
        action={`/admin/newsletters/lists/${props.list.id}/import`}
        enctype="multipart/form-data"
      >
        <CsrfField token={props.csrfToken} />
        <label for="import-file">CSV file</label>
        <input id="import-file" type="file" name="file" accept=".csv,text/csv" required />
        <button type="submit">Import</button>
      </form>
    </>
  );
}
