// The author profiles pages: every byline with the account that writes as it and how much it has published,
// and the form for one profile (new or existing), errors beside their fields and the typed text kept.

import type { StaffMember } from '../../admin/guardian.js';
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { authorPath } from '../../articles/model.js';
import type { FieldErrors } from '../../http/errors.js';
import type { MediaChoice } from '../media-choices.js';
import type { AuthorForm, AuthorListItem, AuthorProfile, staffBylines } from './profiles.js';

const LABELS: Record<string, string> = {
  name: 'Name',
  slug: 'Address',
  jobTitle: 'Job title',
  bio: 'Bio',
  expertise: 'Expertise',
  photoMediaId: 'Photo',
  staffId: 'Newsroom account',
};

export function AuthorsPage(props: { me: StaffMember; csrfToken: string; authors: AuthorListItem[] }) {
  return (
    <>
      <div class="page-head">
        <h1>Authors</h1>
        <a class="button" href="/admin/authors/new">
          New author profile
        </a>
      </div>
      <p class="hint">
        The bylines readers see, each with its own page. A newsroom account linked to a profile writes as it:
        new articles carry that byline from the start.
      </p>
      {props.me.authorId === null && (
        <form method="post" action="/admin/authors/mine" class="inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="secondary">
            Create my own byline as “{props.me.name}”
          </button>
        </form>
      )}
      {props.authors.length === 0 ? (
        <p>No author profiles yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Job title</th>
              <th scope="col">Newsroom account</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {props.authors.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/authors/${a.id}`}>{a.name}</a>
                  {a.published > 0 && (
                    <>
                      {' '}
                      <a class="muted" href={authorPath(a.slug)}>
                        (public page)
                      </a>
                    </>
                  )}
                </td>
                <td>{a.jobTitle}</td>
                <td>{a.staffName ?? <span class="muted">none</span>}</td>
                <td>
                  {a.articles} ({a.published} published)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function AuthorEditPage(props: {
  csrfToken: string;
  profile: AuthorProfile | null;
  form: AuthorForm;
  staff: Awaited<ReturnType<typeof staffBylines>>;
  photos: MediaChoice[];
  errors?: FieldErrors;
  message?: string;
}) {
  const { profile, form, errors } = props;
  const action = profile ? `/admin/authors/${profile.id}` : '/admin/authors';
  return (
    <>
      <p>
        <a href="/admin/authors">← All authors</a>
      </p>
      <h1>{profile ? `Author: ${profile.name}` : 'New author profile'}</h1>
      <ErrorSummary message={props.message} errors={errors} labels={LABELS} />
      <form method="post" action={action} novalidate class="panel">
        <CsrfField token={props.csrfToken} />
        <Field name="name" label="Name" value={form.name} errors={errors} required maxLength={120} />
        <Field
          name="slug"
          label="Address"
          value={form.slug}
          errors={errors}
          maxLength={80}
          hint={
            profile && profile.published > 0
              ? `The author page is ${authorPath(profile.slug)}; readers follow it, so it stays as it is.`
              : 'The author page’s address, /authors/…; made from the name when left empty.'
          }
        />
        <Field name="jobTitle" label="Job title" value={form.jobTitle} errors={errors} maxLength={120} />
        <Field
          name="bio"
          label="Bio"
          value={form.bio}
          errors={errors}
          multiline
          maxLength={2000}
          hint="Shown on the author page and under their articles."
        />
        <Field
          name="expertise"
          label="Expertise"
          value={form.expertise}
          errors={errors}
          maxLength={300}
          hint="What they cover, e.g. “Eastern Europe, defence”. Search engines read it too."
        />
        <Field
          name="photoMediaId"
          label="Photo"
          value={form.photoMediaId}
          errors={errors}
          options={[
            ['', '— none —'],
            ...props.photos.map((m): [string, string] => [
              String(m.id),
              `#${m.id} · ${m.caption || m.altText || 'no caption'}${m.altText ? '' : ' — no alt text'}`,
            ]),
          ]}
          hint={
            <>
              From the <a href="/admin/media">media library</a>.
            </>
          }
        />
        <Field
          name="staffId"
          label="Newsroom account"
          value={form.staffId}
          errors={errors}
          options={[
            ['', '— nobody —'],
            ...props.staff.map((s): [string, string] => [
              String(s.id),
              `${s.name}${s.disabled ? ' (disabled)' : ''}${
                s.authorId !== null && s.authorId !== profile?.id ? ' — writes as another profile now' : ''
              }`,
            ]),
          ]}
          hint="The person who writes as this byline. Each account writes as one profile at most."
        />
        <button type="submit">{profile ? 'Save the profile' : 'Create the profile'}</button>
      </form>
    </>
  );
}
