// The byline as a list of places, each a choice of author, so a second or third author needs no script.
import type { FieldErrors } from '../../http/errors.js';
import type { ArticleForm } from '../article-form.js';
import type { EditorChoices } from '../editor-choices.js';
import { MAX_AUTHORS } from '../fields.js';

export function AuthorSlots(props: { form: ArticleForm; choices: EditorChoices; errors?: FieldErrors }) {
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
