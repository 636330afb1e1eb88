// The corrections history of an article in the newsroom: every note with who added it and when, withdrawn
// ones marked with who withdrew them and when, and the form to append a new note (editors, once published).

import { canAddCorrection, canWithdrawCorrection, type StaffMember } from '../../admin/guardian.js';
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { PostButton } from '../../admin/views/post-button.js';
import type { FieldErrors } from '../../http/errors.js';
import { CORRECTION_KINDS, type Correction, KIND_LABELS } from '../corrections.js';
import type { EditableArticle } from '../editable.js';

export interface CorrectionDraft {
  kind: string;
  text: string;
  weight: string;
  errors?: FieldErrors;
  message?: string;
}

export function CorrectionsPanel(props: {
  me: StaffMember;
  csrfToken: string;
  article: EditableArticle;
  corrections: Correction[];
  draft?: CorrectionDraft;
  when: (iso: string) => string;
}) {
  const { me, article, corrections, draft } = props;
  const mayAdd = canAddCorrection(me) && article.status === 'published';
  if (!mayAdd && corrections.length === 0) return null;
  return (
    <section class="panel" id="corrections" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections and updates</h2>
      {corrections.length > 0 && (
        <ol class="correction-history">
          {corrections.map((c) => (
            <li class={c.withdrawnAt ? 'withdrawn' : undefined}>
              <p>
                <strong>{KIND_LABELS[c.kind]}</strong> ({c.placement === 'top' ? 'above' : 'below'} the
                article) · {props.when(c.publishedAt)}
                {c.createdBy && ` by ${c.createdBy}`}
              </p>
              <p>{c.withdrawnAt ? <del>{c.text}</del> : c.text}</p>
              {c.withdrawnAt ? (
                <p class="muted">
                  Withdrawn {props.when(c.withdrawnAt)}
                  {c.withdrawnBy && ` by ${c.withdrawnBy}`}. It stays listed on the public corrections page,
                  marked withdrawn.
                </p>
              ) : (
                canWithdrawCorrection(me) && (
                  <PostButton
                    action={`/admin/articles/${article.id}/corrections/${c.id}/withdraw`}
                    csrfToken={props.csrfToken}
                    kind="danger"
                    confirm="Withdraw this note? Readers will no longer see it on the article; it stays in the record, marked withdrawn."
                    inline={false}
                  >
                    Withdraw
                  </PostButton>
                )
              )}
            </li>
          ))}
        </ol>
      )}
      {mayAdd && (
        <form method="post" action={`/admin/articles/${article.id}/corrections`} novalidate>
          <CsrfField token={props.csrfToken} />
          <ErrorSummary message={draft?.message} errors={draft?.errors} />
          <Field
            name="kind"
            label="Kind of note"
            value={draft?.kind || 'correction'}
            errors={draft?.errors}
            options={CORRECTION_KINDS.map((k): [string, string] => [k, KIND_LABELS[k]])}
            hint="A correction fixes an error; a clarification makes something clearer; an update adds news."
          />
          <Field
            name="weight"
            label="Weight"
            value={draft?.weight ?? ''}
            errors={draft?.errors}
            options={[
              ['', 'As its kind: corrections and clarifications at the top, updates at the bottom'],
              ['major', 'Major: at the top, before the story'],
              ['minor', 'Minor: at the bottom, after the story'],
            ]}
            hint="A note that changes how the story should be read belongs at the top."
          />
          <Field
            name="text"
            label="Note"
            value={draft?.text ?? ''}
            errors={draft?.errors}
            multiline
            maxLength={2000}
          />
          <button type="submit">Publish the note</button>
        </form>
      )}
    </section>
  );
}
