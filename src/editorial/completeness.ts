// What an article needs written before it may be published (headline, slug, body, section, byline), shared by
// the server's publish check and the editor script's live checklist, so it must stay free of server imports.

export interface WrittenParts {
  headline: string;
  slug: string;
  /** The body as plain text. */
  bodyText: string;
  sectionId: number | null;
  authorCount: number;
}

/** By form field, what is still missing; empty when every part is there. */
export function missingParts(parts: WrittenParts): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!parts.headline.trim()) problems.headline = 'Add a headline.';
  if (!parts.slug) problems.slug = 'Add a slug.';
  if (!parts.bodyText.trim()) problems.body = 'Write the body: it has no text yet.';
  if (!parts.sectionId) problems.sectionId = 'Choose a section.';
  if (parts.authorCount === 0) problems.authorIds = 'Add at least one author.';
  return problems;
}
