// The picker's return address (the editor that opened it), carried through the library and the upload form:
// only a newsroom path, as after sign-in, so no link can send someone elsewhere.
import { safeNext } from '../../admin/auth/plugin.js';

export function returnTarget(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const safe = safeNext(value);
  return safe === value ? safe : null;
}
