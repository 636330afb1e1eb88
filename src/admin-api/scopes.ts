// What an admin API token may be used for. A token acts as one staff member, so a scope only narrows what
// that person may do: guardian.ts still decides every action, and a scope never adds to it.

export const API_SCOPES = [
  'articles:read',
  'articles:write',
  'articles:publish',
  'media:write',
  'comments:moderate',
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiScope, string> = {
  'articles:read': 'Read articles of every status',
  'articles:write': 'Create drafts and save changes',
  'articles:publish': 'Publish, schedule, unpublish and return to the writer',
  'media:write': 'Upload images to the library',
  'comments:moderate': 'Approve, spam or trash comments',
};

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === 'string' && (API_SCOPES as readonly string[]).includes(value);
}
