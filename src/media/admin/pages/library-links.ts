// Addresses within the library and the picker: the same list at two paths, its filters and page in the
// query string, and the picker's return address carried along.
import type { LibraryQuery } from '../library-query.js';

export type LibraryMode = { kind: 'library' } | { kind: 'picker'; returnTo: string | null };

export function basePath(mode: LibraryMode): string {
  return mode.kind === 'picker' ? '/admin/media/picker' : '/admin/media';
}

export function queryString(query: LibraryQuery, mode: LibraryMode, page: number): string {
  const params = new URLSearchParams();
  if (mode.kind === 'picker' && mode.returnTo) params.set('return', mode.returnTo);
  if (query.q) params.set('q', query.q);
  if (query.rights) params.set('rights', query.rights);
  if (query.show !== 'all') params.set('show', query.show);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
