// The form's side column: where and how the article is published (slug, section, type, dateline), its hero
// image from the library, and its tags. Search and sharing have their own panel (sharing-fields.tsx).
import { Field } from '../../admin/views/form.js';
import { WORK_TYPE_LABELS } from '../../articles/model.js';
import type { FieldErrors } from '../../http/errors.js';
import type { ArticleForm } from '../article-form.js';
import type { EditableArticle } from '../editable.js';
import type { EditorChoices } from '../editor-choices.js';
import { WORK_TYPES } from '../fields.js';
import type { MediaChoice } from '../media-choices.js';

interface FieldsProps {
  article: EditableArticle | null;
  form: ArticleForm;
  choices: EditorChoices;
  errors?: FieldErrors;
}

export function mediaLabel(m: MediaChoice): string {
  const words = m.caption || m.altText || 'no caption';
  const short = words.length > 70 ? `${words.slice(0, 69)}…` : words;
  const warnings = [m.altText ? '' : 'no alt text', m.licence].filter(Boolean).join('; ');
  return `#${m.id} · ${short}${m.credit ? ` (${m.credit})` : ''}${warnings ? ` — ${warnings}` : ''}`;
}

export function PublishingFields(props: FieldsProps) {
  const { article, form, choices, errors } = props;
  return (
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
  );
}

export function HeroField(props: { form: ArticleForm; media: MediaChoice[]; errors?: FieldErrors }) {
  const { form, errors } = props;
  return (
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
            From the <a href="/admin/media">media library</a>, where its caption, credit and alt text are
            kept.
          </>
        }
      />
      <div class="hero-preview" data-image-preview="heroMediaId" />
    </fieldset>
  );
}

export function TagsField(props: Omit<FieldsProps, 'article'>) {
  const { form, choices, errors } = props;
  return (
    <fieldset>
      <legend>Tags</legend>
      <Field
        name="tags"
        label="Tags"
        value={form.tags}
        errors={errors}
        hint={`Separated by commas; new tags are created. In use: ${choices.tags.slice(0, 12).join(', ') || 'none yet'}.`}
      />
    </fieldset>
  );
}
