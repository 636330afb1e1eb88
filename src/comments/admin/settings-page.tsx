// The comment settings screen: the settings as a form (settings-form.ts), and the list of bans, each with
// its button to lift it.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { StaffDate, StaffTime } from '../../admin/views/staff-time.js';
import type { FieldErrors } from '../../http/errors.js';
import type { CommentSettings } from '../settings.js';
import type { BanListItem } from './bans.js';
import { FIELD_LABELS, type SettingsFormValues } from './settings-form.js';

export function SettingsPage(props: {
  values: SettingsFormValues;
  keyStored: boolean;
  /** Only admins see the checker's fields; editors see where it is and who set it. */
  canChangeChecker: boolean;
  checkerChange: CommentSettings['checkerChange'];
  errors?: FieldErrors;
  message?: string;
  bans: BanListItem[];
  csrfToken: string;
}) {
  const { values, errors } = props;
  const f = (name: keyof SettingsFormValues, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field name={name} label={FIELD_LABELS[name]} value={values[name]} errors={errors} {...extra} />
  );
  return (
    <>
      <h1>Comment settings</h1>
      <p>
        <a href="/admin/comments">← Comments</a>
      </p>
      <ErrorSummary message={props.message} errors={errors} labels={FIELD_LABELS} />
      <form method="post" action="/admin/comments/settings" novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class="panel">
          <legend>Moderation</legend>
          {f('mode', {
            options: [
              [
                'first_time',
                'Hold a commenter’s first comment; approve later ones sent from the browser of their approved comments, under the same name, without links',
              ],
              ['hold_all', 'Hold every comment for moderation'],
              ['approve_all', 'Approve every comment that passes the spam checks'],
            ],
          })}
          {f('blockList', {
            multiline: true,
            hint: 'One word, phrase, email or web address, domain or IP per line.',
          })}
          {f('holdList', { multiline: true, hint: 'One per line, as above; these go to the queue instead.' })}
          {f('linkLimit', { type: 'number', min: 0, max: 50 })}
        </fieldset>
        <fieldset class="panel">
          <legend>Spam</legend>
          {f('minSecondsBeforePosting', {
            type: 'number',
            min: 0,
            max: 600,
            hint: 'Faster posts go to the spam folder.',
          })}
          {props.canChangeChecker ? (
            <>
              {f('akismetUrl', {
                type: 'url',
                hint: 'Optional: an Akismet-compatible service on the public internet, e.g. https://rest.akismet.com. It receives each comment with the commenter’s email and IP address.',
              })}
              {f('akismetKey', {
                type: 'password',
                autocomplete: 'off',
                hint: props.keyStored
                  ? 'A key is stored; leave empty to keep it.'
                  : 'The key the service gave you.',
              })}
            </>
          ) : (
            <p id="spam-checker">
              {FIELD_LABELS.akismetUrl}: {values.akismetUrl || 'none'}.{' '}
              <span class="muted">Only an admin can change the spam checker.</span>
            </p>
          )}
          <p class="muted" id="spam-checker-change">
            {props.checkerChange ? (
              <>
                The spam checker was last changed by {props.checkerChange.name} on{' '}
                <StaffTime iso={props.checkerChange.at} />.
              </>
            ) : (
              'The spam checker has not been changed here.'
            )}
          </p>
        </fieldset>
        <fieldset class="panel">
          <legend>Threads and privacy</legend>
          {f('autoCloseDays', { type: 'number', min: 0, max: 3650, hint: '0 keeps comments open.' })}
          {f('perPage', { type: 'number', min: 5, max: 500 })}
          {f('order', {
            options: [
              ['oldest', 'Oldest first'],
              ['newest', 'Newest first'],
            ],
          })}
          {f('ipRetentionDays', { type: 'number', min: 1, max: 365 })}
        </fieldset>
        <button type="submit">Save the comment settings</button>
      </form>

      <section class="panel">
        <h2>Banned commenters</h2>
        {props.bans.length === 0 ? (
          <p class="muted">Nobody is banned.</p>
        ) : (
          <ul>
            {props.bans.map((b) => (
              <li>
                <form method="post" action={`/admin/comments/bans/${b.id}/lift`} class="inline-form">
                  <CsrfField token={props.csrfToken} />
                  {b.email} {b.reason && `(${b.reason})`}{' '}
                  <span class="muted">
                    since <StaffDate iso={b.createdAt} />
                  </span>{' '}
                  <button type="submit" class="secondary">
                    Lift the ban
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
