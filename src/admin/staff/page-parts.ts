// What the staff page's parts share: the roles offered in its lists, and dates shown as days.
import { ROLE_LABELS } from '../views/admin-layout.js';
import { STAFF_ROLES } from './staff.js';

export const ROLE_OPTIONS = STAFF_ROLES.map((r): [string, string] => [r, ROLE_LABELS[r]]);

export function day(iso: string): string {
  return iso.slice(0, 10);
}
