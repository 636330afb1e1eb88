// The sections page: a form per section (name, address, description) with buttons to move it up or down,
// and one to add a section; a refused form is shown again as typed, its errors beside its fields.
import type { FieldErrors } from '../../http/errors.js';
import { CsrfField } from '../views/admin-layout.js';
import { ErrorSummary, Field } from '../views/form.js';
import { PostButton } from '../views/post-button.js';
import type { ManagedSection, SectionInput } from './sections.js';

export interface SectionDraft {
  /** The section being edited, or 'new' for the add form. */
  id: number | 'new';
  values: SectionInput;
  errors: FieldErrors;
  message: string;
}

function SectionFields(props: { prefix: string; values: SectionInput; errors?: FieldErrors }) {
  const errors = Object.fromEntries(
    Object.entries(props.errors ?? {}).map(([k, v]) => [`${props.prefix}${k}`, v]),
  );
  return (
    <>
      <Field
        name={`${props.prefix}name`}
        label="Name"
        value={props.values.name}
        required
        maxLength={80}
        errors={errors}
      />
      <Field
        name={`${props.prefix}slug`}
        label="Address"
        value={props.values.slug}
        maxLength={80}
        errors={errors}
        hint="The section's page is /sections/<address>. Changing it changes that page's address."
      />
      <Field
        name={`${props.prefix}description`}
        label="Description"
        value={props.values.description}
        multiline
        maxLength={300}
        errors={errors}
      />
    </>
  );
}

export function SectionsPage(props: { csrfToken: string; sections: ManagedSection[]; draft?: SectionDraft }) {
  const { csrfToken, sections, draft } = props;
  return (
    <>
      <h1>Sections</h1>
      <p>
        <a href="/admin/settings">← Settings</a>
      </p>
      {sections.length === 0 && <p>There are no sections yet.</p>}
      {sections.map((s, index) => {
        const mine = draft?.id === s.id ? draft : undefined;
        return (
          <section class="panel" aria-label={s.name}>
            {mine && <ErrorSummary message={mine.message} />}
            <form method="post" action={`/admin/settings/sections/${s.id}`} novalidate>
              <CsrfField token={csrfToken} />
              <SectionFields prefix={`s${s.id}-`} values={mine?.values ?? s} errors={mine?.errors} />
              <button type="submit">Save {s.name}</button>
            </form>
            <div class="actions">
              {index > 0 && (
                <PostButton
                  action={`/admin/settings/sections/${s.id}/move`}
                  csrfToken={csrfToken}
                  kind="secondary"
                  fields={{ direction: 'up' }}
                  label={`Move ${s.name} up`}
                >
                  ↑ Up
                </PostButton>
              )}
              {index < sections.length - 1 && (
                <PostButton
                  action={`/admin/settings/sections/${s.id}/move`}
                  csrfToken={csrfToken}
                  kind="secondary"
                  fields={{ direction: 'down' }}
                  label={`Move ${s.name} down`}
                >
                  ↓ Down
                </PostButton>
              )}
            </div>
          </section>
        );
      })}
      <section class="panel" aria-labelledby="add-section">
        <h2 id="add-section">Add a section</h2>
        {draft?.id === 'new' && <ErrorSummary message={draft.message} />}
        <form method="post" action="/admin/settings/sections" novalidate>
          <CsrfField token={csrfToken} />
          <SectionFields
            prefix="new-"
            values={draft?.id === 'new' ? draft.values : { name: '', slug: '', description: '' }}
            errors={draft?.id === 'new' ? draft.errors : undefined}
          />
          <p class="hint">Leave the address empty to make it from the name.</p>
          <button type="submit">Add the section</button>
        </form>
      </section>
    </>
  );
}
