// The newsroom's permission questions about comments (admin/guardian.ts), as checks that refuse: each
// moderation action and each use of a commenter's data asks one first.
import {
  canManageCommenterData,
  canModerateComments,
  hasRole,
  type StaffMember,
} from '../../admin/guardian.js';
import { Forbidden } from '../../http/errors.js';

export function mustModerate(staff: StaffMember): void {
  if (!canModerateComments(staff)) throw new Forbidden('Only editors and admins may moderate comments.');
}

export function mustManageCommenterData(staff: StaffMember): void {
  if (!canManageCommenterData(staff))
    throw new Forbidden('Only admins may export or erase a commenter’s data.');
}

/** The spam checker is sent every commenter's email and IP address: where it is, only an admin decides. */
export function mustChangeSpamChecker(staff: StaffMember): void {
  if (!hasRole(staff, 'admin'))
    throw new Forbidden(
      'Only an admin may change the spam checker: it is sent every commenter’s email and IP address.',
    );
}
