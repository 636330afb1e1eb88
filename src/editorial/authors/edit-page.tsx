// The form for one author profile, new or existing: errors beside their fields, the typed text kept, the
// photo from the media library and the newsroom account that writes as it.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { authorPath } from '../../articles/model.js';
import type { FieldErrors } from '../../http/errors.js';
import type { MediaChoice } from '../media-choices.js';
import type { AuthorForm } from './author-form.js';
import type { AuthorProfile, staffBylines } from './profiles.js';

const LABELS: Record<string, string> = {
  name: 'Name',
  slug: 'Address',
  jobTitle: 'Job title',
  bio: 'Bio',
  expertise: 'Expertise',
  photoMediaId: 'Photo',
  staffId: 'Newsroom account',
};

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
