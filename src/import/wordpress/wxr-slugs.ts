// WordPress stores slugs of non-Latin titles percent-encoded (`%e6%97%a5%e6%9c%ac`); the records carry them
// decoded, the same way in terms and in the posts that name them, so that the two still match.

export function decodeSlug(slug: string): string {
  const trimmed = slug.trim();
  if (!trimmed.includes('%')) return trimmed;
  try {
    return decodeURIComponent(trimmed).normalize('NFC');
  } catch {
    return trimmed;
  }
}

/** A slug made from a name, for drafts WordPress has not given one yet, and logins used as slugs. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
