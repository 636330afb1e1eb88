// The article form: headline, dek and body on the left, publishing details on the right. It posts without
// JavaScript (the body as plain paragraphs); with it, the body is a Tiptap editor that autosaves.

import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { ArticleForm } from '../article-form.js';
import { STATUS_LABELS } from '../article-status.js';
import type { EditableArticle } from '../editable.js';
import type { EditorChoices } from '../editor-choices.js';
import { FIELD_LABELS } from '../fields.js';
import type { MediaChoice } from '../media-choices.js';
import { AuthorSlots } from './author-slots.js';
import { BodyField } from './body-field.js';
import { type ConflictInfo, ConflictPanel } from './conflict-panel.js';
import { HeroField, PublishingFields, TagsField } from './publishing-fields.js';
import { SharingFields } from './sharing-fields.js';

export interface EditFormProps {
  csrfToken: string;
  article: EditableArticle | null;
  form: ArticleForm;
  baseVersion: number;
  choices: EditorChoices;
  media: MediaChoice[];
  /** The images the form uses or offers, by id, for the editor to draw them. */
  editorMedia: Record<number, MediaChoice>;
  /** The site's public address, for the search and social previews. */
  siteUrl: string;
  errors?: FieldErrors;
  message?: string;
  notice?: string;
  conflict?: ConflictInfo;
  when: (iso: string) => string;
  /** Shown, not editable: a contributor's own article while an editor reviews it. */
  readOnly?: ReadOnlyReason;
  /** An editor's notes on a draft returned to its writer, until it is submitted again. */
  returned?: ReturnNoticeView;
}

export interface ReadOnlyReason {
  /** When it was submitted, in the site's zone with the zone named; null if no step recorded it. */
  submittedAt: string | null;
}

export interface ReturnNoticeView {
  by: string | null;
  /** In the site's zone with the zone named. */
  at: string;
  note: string;
}

const LABELS: Record<string, string> = {
  ...FIELD_LABELS,
  bodyImages: 'Images',
  scheduledAt: 'Publish at',
  returnNote: 'Notes for the writer',
};

/** The editor's notes as written (escaped like all text; their line breaks kept by the stylesheet). */
function ReturnNotice(props: { returned: ReturnNoticeView }) {
  const { returned } = props;
  return (
    <section
      class="flash flash-warning return-notice"
      id="return-notice"
      aria-labelledby="return-notice-heading"
    >
      <h2 id="return-notice-heading">Returned to you with notes</h2>
      <p>
        {returned.by ?? 'An editor'} returned this article on {returned.at}:
      </p>
      <blockquote class="return-note">{returned.note}</blockquote>
      <p class="hint">This notice stays here until you submit the article for review again.</p>
    </section>
  );
}

function ReadOnlyNotice(props: { reason: ReadOnlyReason }) {
  return (
    <p class="flash flash-warning read-only-notice" role="status" id="read-only-notice">
      {props.reason.submittedAt
        ? `Submitted for review on ${props.reason.submittedAt}`
        : 'Submitted for review'}
      {
        ' — you can edit it again if an editor returns it to you, or if you take it back to draft (“Back to draft”).'
      }
    </p>
  );
}

export function EditForm(props: EditFormProps) {
  const { article, form, choices, errors } = props;
  const published = article?.status === 'published';
  const readOnly = props.readOnly !== undefined;
  // What is saved of a published or scheduled article is what readers get, so only a deliberate Save saves it.
  const autosave = !readOnly && article?.status !== 'published' && article?.status !== 'scheduled';
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles';
  return (
    <>
      {props.conflict && <ConflictPanel conflict={props.conflict} when={props.when} />}
      <ErrorSummary message={props.conflict ? undefined : props.message} errors={errors} labels={LABELS} />
      {props.returned && <ReturnNotice returned={props.returned} />}
      {props.readOnly && <ReadOnlyNotice reason={props.readOnly} />}
      {props.notice && (
        <p class="flash flash-ok" role="status" id="restore-notice">
          {props.notice}
        </p>
      )}
      <form
        id="article-form"
        class="article-form"
        method="post"
        action={action}
        novalidate
        data-article-id={article ? String(article.id) : ''}
        data-autosave={autosave ? 'on' : 'off'}
        data-published={published ? 'true' : 'false'}
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="baseVersion" value={String(props.baseVersion)} />
        {/* Disabled as a whole while read-only: shown to read and copy from, never sent. */}
        <fieldset class="editor-fields" disabled={readOnly}>
          <div class="editor-grid">
            <div class="editor-main">
              <Field
                name="headline"
                label="Headline"
                value={form.headline}
                errors={errors}
                required
                maxLength={300}
              />
              <Field
                name="dek"
                label="Dek"
                value={form.dek}
                errors={errors}
                multiline
                maxLength={1000}
                hint="The standfirst under the headline."
              />
              <BodyField form={form} errors={errors} editorMedia={props.editorMedia} />
            </div>
            <div class="editor-side">
              <PublishingFields article={article} form={form} choices={choices} errors={errors} />
              <AuthorSlots form={form} choices={choices} errors={errors} />
              <HeroField form={form} media={props.media} errors={errors} />
              <TagsField form={form} choices={choices} errors={errors} />
              <SharingFields form={form} media={props.media} siteUrl={props.siteUrl} errors={errors} />
            </div>
          </div>
        </fieldset>
        {!readOnly && (
          <div class="editor-actions">
            <button type="submit" name="intent" value="save">
              {published ? 'Update the published article' : 'Save'}
            </button>
            <button type="submit" name="intent" value="preview" class="secondary">
              Save and preview
            </button>
            <span class="save-status" role="status" aria-live="polite">
              {article
                ? `${STATUS_LABELS[article.status]} · version ${article.version}${article.savedAt ? `, saved ${props.when(article.savedAt)}` : ''}`
                : 'Not saved yet'}
            </span>
          </div>
        )}
      </form>
    </>
  );
}
