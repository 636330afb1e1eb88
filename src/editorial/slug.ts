// Slugs from headlines, shared by the server and the editor script (so it must stay free of imports).

/** "Russia Withdrawing From Kharkiv" → "russia-withdrawing-from-kharkiv". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
