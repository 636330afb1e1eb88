// The first start: while nobody is on the staff, each start issues a one-time setup link (valid 24 hours)
// that creates the first admin. Once anyone exists, every setup link is refused.
import type { Kysely } from 'kysely';
import { NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import type { StaffMember } from '../guardian.js';
import { createStaffMember, hasStaff, type NewPassword } from '../staff/staff.js';
import {
  insertSetupToken,
  selectUsableSetupToken,
  spendSetupToken,
  useAllSetupTokens,
} from './setup-queries.js';
import { hashToken, newToken, plausibleToken } from './tokens.js';

export const SETUP_HOURS = 24;
const GONE =
  'This setup link is not valid: the newsroom is already set up, or the link expired or was used. ' +
  'Restart the app to get a new one while nobody has set it up, or sign in.';

/** A fresh setup token while the staff is empty, else null. */
export async function issueSetupToken(db: Kysely<Database>, now: Date): Promise<string | null> {
  if (await hasStaff(db)) return null;
  const token = newToken();
  await insertSetupToken(db, {
    tokenHash: hashToken(token),
    now,
    expiresAt: new Date(now.getTime() + SETUP_HOURS * 60 * 60 * 1000),
  });
  return token;
}

/** The line main.ts prints about the newsroom on start. */
export async function newsroomStartNotice(
  db: Kysely<Database>,
  publicUrl: string,
  now: Date,
): Promise<string> {
  const token = await issueSetupToken(db, now);
  if (!token) return `Newsroom: sign in at ${publicUrl}/admin`;
  return [
    'Newsroom: no staff account exists yet. Create the first admin with this one-time link (valid 24 hours):',
    `  ${publicUrl}/admin/setup/${token}`,
    '  or: npm run staff -- create --email you@example.org --name "Your Name" --role admin',
  ].join('\n');
}

export async function checkSetupToken(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  const usable = plausibleToken(token) && (await selectUsableSetupToken(db, hashToken(token), now));
  if (!usable || (await hasStaff(db))) throw new NotFound(GONE);
}

/** Creates the first admin and spends every setup link, in one transaction. */
export async function completeSetup(
  db: Kysely<Database>,
  token: string,
  input: NewPassword & { email: string; name: string },
  now: Date,
): Promise<StaffMember> {
  await checkSetupToken(db, token, now);
  return db.transaction().execute(async (trx) => {
    // Two people racing with the link: the row update lets only one through.
    if (!(await spendSetupToken(trx, hashToken(token), now)) || (await hasStaff(trx)))
      throw new NotFound(GONE);
    const admin = await createStaffMember(trx, { ...input, role: 'admin' }, now);
    await useAllSetupTokens(trx, now);
    return admin;
  });
}
