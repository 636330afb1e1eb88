// The body in the form: the editor script mounts its editor here; without it, a plain text area of paragraphs
// that leaves the body's formatting, images and embeds alone unless its text is changed.
import type { FieldErrors } from '../../http/errors.js';
import type { ArticleForm } from '../article-form.js';
import type { MediaChoice } from '../media-choices.js';

export function BodyField(props: {
  /** Articles and the static pages (src/pages/admin/) share this field and the editor script. */
  form: Pick<ArticleForm, 'body' | 'bodyText'>;
  errors?: FieldErrors;
  /** The images the body and hero use, by id, for the editor to draw them. */
  editorMedia: Record<number, MediaChoice>;
}) {
  const { form, errors } = props;
  return (
    <div class="field body-field">
      <label for="f-bodyText" id="body-label">
        Body
      </label>
      <div id="body-editor" class="body-editor" hidden />
      <p class="hint word-count" id="body-word-count" aria-live="polite" hidden />
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
  );
}
