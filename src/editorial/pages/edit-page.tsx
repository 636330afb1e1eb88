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
}

const LABELS: Record<string, string> = { ...FIELD_LABELS, bodyImages: 'Images', scheduledAt: 'Publish at' };

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
