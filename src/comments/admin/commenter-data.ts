// An admin's export or erasure of everything stored under one email address, for a commenter who asked
// the newsroom rather than using the link under the comment form.
import type { StaffMember } from '../../admin/guardian.js';
import type { CommentDeps } from '../comment-deps.js';
import { eraseByKey, exportByKey } from '../commenter-data.js';
import { emailKey } from '../identity.js';
import { mustManageCommenterData } from './permissions.js';

export async function adminExport(deps: CommentDeps, staff: StaffMember, email: string) {
  mustManageCommenterData(staff);
  return exportByKey(deps, emailKey(deps.secret, email), email);
}

export async function adminErase(deps: CommentDeps, staff: StaffMember, email: string): Promise<number> {
  mustManageCommenterData(staff);
  return eraseByKey(deps, emailKey(deps.secret, email), email);
}
