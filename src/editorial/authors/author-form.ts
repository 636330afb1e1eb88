// The author profile form: exactly what was typed (strings only, so a refused save shows it again
// unchanged), filled from a saved profile, and the schema that checks it.
import { z } from 'zod';
import { optionalId, trimmedText } from '../form-schemas.js';
import type { AuthorProfile } from './profiles.js';

/** The form as typed, strings only, so a refused save shows it again unchanged. */
export interface AuthorForm {
  name: string;
  slug: string;
  jobTitle: string;
  bio: string;
  expertise: string;
  photoMediaId: string;
  staffId: string;
}

const FIELDS: Array<keyof AuthorForm> = [
  'name',
  'slug',
  'jobTitle',
  'bio',
  'expertise',
  'photoMediaId',
  'staffId',
];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function readAuthorForm(input: unknown): AuthorForm {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const form = {} as AuthorForm;
  for (const name of FIELDS) form[name] = typeof body[name] === 'string' ? (body[name] as string) : '';
  return form;
}

export function blankAuthorForm(): AuthorForm {
  return { name: '', slug: '', jobTitle: '', bio: '', expertise: '', photoMediaId: '', staffId: '' };
}

export function formOfProfile(profile: AuthorProfile): AuthorForm {
  return {
    name: profile.name,
    slug: profile.slug,
    jobTitle: profile.jobTitle,
    bio: profile.bio,
    expertise: profile.expertise,
    photoMediaId: profile.photoMediaId ? String(profile.photoMediaId) : '',
    staffId: profile.staffId ? String(profile.staffId) : '',
  };
}

export const authorFormSchema = z.object({
  name: trimmedText('Name', 120).refine(
    (s) => s.length > 0,
    'Name is required: it is the byline readers see.',
  ),
  slug: trimmedText('Address', 80).refine(
    (s) => s === '' || SLUG.test(s),
    'The address may use only a–z, 0–9 and single hyphens, such as ana-reporter.',
  ),
  jobTitle: trimmedText('Job title', 120),
  bio: trimmedText('Bio', 2000),
  expertise: trimmedText('Expertise', 300),
  photoMediaId: optionalId('Choose the photo from the library.'),
  staffId: optionalId('Choose a newsroom account from the list.'),
});

export type ParsedAuthorForm = z.infer<typeof authorFormSchema>;
