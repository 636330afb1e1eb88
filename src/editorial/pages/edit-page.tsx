// The article form: headline, dek and body on the left, publishing details on the right. It posts without
// JavaScript (the body as plain paragraphs); with it, the body is a Tiptap editor that autosaves.

import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { WORK_TYPE_LABELS } from '../../articles/model.js';
import type { FieldErrors } from '../../http/errors.js';
import type { EditableArticle } from '../editable.js';
import { type ArticleForm, FIELD_LABELS, MAX_AUTHORS, WORK_TYPES } from '../fields.js';
import type { EditorChoices } from '../listing.js';
import type { MediaChoice } from '../media-choices.js';
import type { FieldDiff } from '../revisions.js';
import { STATUS_LABELS } from '../workflow.js';
import { DiffLegend, DiffView } from './diff-view.js';

export interface ConflictInfo {
  version: number;
  savedBy: string | null;
  /** The same account saved it: the writer's own other tab or window. */
  savedByYou: boolean;
  savedAt: string | null;
  /** From the newer version to the text in the form. */
  changes: FieldDiff[];
  /** The edit page, which loads the newer version. */
  reloadHref: string;
}

export interface EditFormProps {
  csrfToken: string;
  article: EditableArticle | null;
  form: ArticleForm;
  baseVersion: number;
  choices: EditorChoices;
  media: MediaChoice[];
  /** The images the body and hero use, by id, for the editor to draw them. */
  editorMedia: Record<number, MediaChoice>;
  errors?: FieldErrors;
  message?: string;
  conflict?: ConflictInfo;
  when: (iso: string) => string;
}

const LABELS: Record<string, string> = { ...FIELD_LABELS, bodyImages: 'Images', scheduledAt: 'Publish at' };

function mediaLabel(m: MediaChoice): string {
  const words = m.caption || m.altText || 'no caption';
  const short = words.length > 70 ? `${words.slice(0, 69)}…` : words;
  const warnings = [m.altText ? '' : 'no alt text', m.licence].filter(Boolean).join('; ');
  return `#${m.id} · ${short}${m.credit ? ` (${m.credit})` : ''}${warnings ? ` — ${warnings}` : ''}`;
}

export function ConflictPanel(props: { conflict: ConflictInfo; when: (iso: string) => string }) {
  const { conflict } = props;
  return (
    <section class="panel conflict" id="conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">
        {conflict.savedByYou
          ? 'You saved a newer version in another tab or window'
          : 'Someone else saved this article while you were editing'}
      </h2>
      <p>
        {conflict.savedByYou
          ? `You saved version ${conflict.version} in another tab or window`
          : `Version ${conflict.version} was saved${conflict.savedBy ? ` by ${conflict.savedBy}` : ''}`}
        {conflict.savedAt ? ` at ${props.when(conflict.savedAt)}` : ''}. Your changes were not saved;{' '}
        <strong>your text is still in the form below</strong>. Here is how your text differs from the newer
        version:
      </p>
      <DiffLegend />
      <DiffView changes={conflict.changes} empty="Your text and the newer version are the same." />
      <div class="actions">
        <button type="submit" form="article-form" name="overwriteVersion" value={String(conflict.version)}>
          Save mine over it
        </button>
        <a class="button secondary" href={conflict.reloadHref} data-discard-local="true">
          Load the newer version (discards your changes)
        </a>
      </div>
    </section>
  );
}

function AuthorSlots(props: { form: ArticleForm; choices: EditorChoices; errors?: FieldErrors }) {
  const chosen = props.form.authorIds.filter(Boolean);
  // Two empty places beyond those chosen, so a second or third byline needs no script.
  const slots = Math.min(MAX_AUTHORS, chosen.length + 2);
  const error = props.errors?.authorIds;
  return (
    <fieldset class="author-slots" aria-describedby={error ? 'f-authorIds-error' : undefined}>
      <legend>Authors</legend>
      <p class="hint">In byline order. Leave a place empty to remove it.</p>
      {Array.from({ length: slots }, (_, i) => (
        <div class="field author-slot">
          <label for={i === 0 ? 'f-authorIds' : `f-authorIds-${i + 1}`}>{`Author ${i + 1}`}</label>
          <select id={i === 0 ? 'f-authorIds' : `f-authorIds-${i + 1}`} name="authorIds">
            <option value="">— none —</option>
            {props.choices.authors.map((a) => (
              <option value={String(a.id)} selected={chosen[i] === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      ))}
      {error && (
        <p class="field-error" id="f-authorIds-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function EditForm(props: EditFormProps) {
  const { article, form, choices, errors } = props;
  const published = article?.status === 'published';
  // What is saved of a published or scheduled article is what readers get, so only a deliberate Save saves it.
  const autosave = article?.status !== 'published' && article?.status !== 'scheduled';
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles';
  return (
    <>
      {props.conflict && <ConflictPanel conflict={props.conflict} when={props.when} />}
      <ErrorSummary message={props.conflict ? undefined : props.message} errors={errors} labels={LABELS} />
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
            <div class="field body-field">
              <label for="f-bodyText" id="body-label">
                Body
              </label>
              <div id="body-editor" class="body-editor" hidden />
              <input type="hidden" name="body" value={form.body} />
              <input type="hidden" name="bodyFormat" value="text" />
              <div class="body-fallback">
                <textarea
                  id="f-bodyText"
                  name="bodyText"
                  rows={18}
                  aria-invalid={errors?.body ? 'true' : undefined}
                  aria-describedby="f-bodyText-hint"
                  value={form.bodyText}
                />
                <p class="hint" id="f-bodyText-hint">
                  Without JavaScript the body is plain paragraphs separated by blank lines. Changing this text
                  replaces formatting, images and embeds in the body; leaving it as it is keeps them.
                </p>
              </div>
              {errors?.body && (
                <p class="field-error" id="f-body-error">
                  {errors.body}
                </p>
              )}
              <div id="editor-media" hidden data-media={JSON.stringify(props.editorMedia)} />
            </div>
          </div>
          <div class="editor-side">
            <fieldset>
              <legend>Publishing</legend>
              <Field
                name="slug"
                label="Slug"
                value={form.slug}
                errors={errors}
                maxLength={200}
                hint={
                  !article
                    ? 'The article’s address; made from the headline when left empty.'
                    : article.publishedAt
                      ? 'The article’s address. Changing it keeps the old address working (it redirects here).'
                      : 'The article’s address once published.'
                }
              />
              <Field
                name="sectionId"
                label="Section"
                value={form.sectionId}
                errors={errors}
                options={[
                  ['', '— choose —'],
                  ...choices.sections.map((s): [string, string] => [String(s.id), s.name]),
                ]}
              />
              <Field
                name="workType"
                label="Type of work"
                value={form.workType || 'news'}
                errors={errors}
                options={WORK_TYPES.map((w): [string, string] => [w, WORK_TYPE_LABELS[w]])}
              />
              <Field
                name="dateline"
                label="Dateline"
                value={form.dateline}
                errors={errors}
                maxLength={100}
                placeholder="KHARKIV, Ukraine"
              />
            </fieldset>
            <AuthorSlots form={form} choices={choices} errors={errors} />
            <fieldset>
              <legend>Hero</legend>
              <Field
                name="heroMediaId"
                label="Hero image"
                value={form.heroMediaId}
                errors={errors}
                options={[
                  ['', '— none —'],
                  ...props.media.map((m): [string, string] => [String(m.id), mediaLabel(m)]),
                ]}
                hint={
                  <>
                    From the <a href="/admin/media">media library</a>, where its caption, credit and alt text
                    are kept.
                  </>
                }
              />
              <div class="hero-preview" data-hero-preview="true" />
            </fieldset>
            <fieldset>
              <legend>Tags and headlines elsewhere</legend>
              <Field
                name="tags"
                label="Tags"
                value={form.tags}
                errors={errors}
                hint={`Separated by commas; new tags are created. In use: ${choices.tags.slice(0, 12).join(', ') || 'none yet'}.`}
              />
              <Field
                name="seoHeadline"
                label="SEO headline"
                value={form.seoHeadline}
                errors={errors}
                maxLength={300}
                hint="For search results, if different. Up to about 110 characters."
              />
              <Field
                name="socialHeadline"
                label="Social headline"
                value={form.socialHeadline}
                errors={errors}
                maxLength={300}
                hint="For shares on social networks, if different."
              />
            </fieldset>
          </div>
        </div>
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
      </form>
    </>
  );
}
