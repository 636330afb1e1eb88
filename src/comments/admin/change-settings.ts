// A staff member changing the comment settings. Editors may change how comments are moderated; the spam
// checker's address and key only an admin may change, since the checker receives every commenter's email and
// IP address: its address must be an https service on the public internet, and who changed it, and when,
// is kept with the settings and shown on the settings screen.
import type { StaffMember } from '../../admin/guardian.js';
import { Invalid } from '../../http/errors.js';
import type { CommentDeps } from '../comment-deps.js';
import {
  type CommentSettings,
  parseCommentSettings,
  readCommentSettings,
  saveCommentSettings,
} from '../settings.js';
import { spamCheckerAddressProblem } from '../spam-checker-address.js';
import { mustChangeSpamChecker } from './permissions.js';

type Deps = Pick<CommentDeps, 'db' | 'clock' | 'allPagesChanged' | 'resolveHost'>;

/** Saves the newsroom's changes; closing by age, the order and the page size change every article's page. */
export async function changeCommentSettings(
  deps: Deps,
  staff: StaffMember,
  input: unknown,
): Promise<CommentSettings> {
  const [current, next] = [await readCommentSettings(deps.db), parseCommentSettings(input)];
  const now = deps.clock();
  let checkerChange = current.checkerChange;
  if (next.akismetUrl !== current.akismetUrl || next.akismetKey !== current.akismetKey) {
    mustChangeSpamChecker(staff);
    const problem = next.akismetUrl
      ? await spamCheckerAddressProblem(next.akismetUrl, deps.resolveHost)
      : null;
    if (problem) throw new Invalid('The spam checker’s address cannot be used.', { akismetUrl: problem });
    checkerChange = { staffId: staff.id, name: staff.name, at: now.toISOString() };
  }
  const settings = await saveCommentSettings(deps.db, { ...next, checkerChange }, now);
  await deps.allPagesChanged();
  return settings;
}
