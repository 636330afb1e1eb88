// Password resets by email: a one-time link valid for one hour. Asking always answers the same, so the form
// cannot be used to find out who works at the newsroom; the new password signs the person out everywhere.
import type { Kysely } from 'kysely';
import { Invalid, NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { selectStaffByEmail, updateStaff } from '../staff/queries.js';
import { type NewPassword, newPasswordErrors, parseEmail } from '../staff/staff.js';
import { type LinkMailer, sendLinkMail } from './link-mail.js';
import { hashPassword } from './passwords.js';
import { insertPasswordReset, selectUsableReset, useResets } from './reset-queries.js';
import { deleteAllSessions } from './sessions.js';
import { hashToken, newToken, plausibleToken } from './tokens.js';

export const RESET_MINUTES = 60;
const GONE =
  'This password reset link is not valid any more: it was used, or it expired. Ask for a new one below.';

/** Sends a reset link when the email belongs to an active account; otherwise does nothing, silently. */
export async function requestPasswordReset(
  db: Kysely<Database>,
  mail: LinkMailer & { siteName: string },
  emailInput: unknown,
  now: Date,
): Promise<void> {
  const parsed = parseEmail(emailInput);
  if ('problem' in parsed) return;
  const staff = await selectStaffByEmail(db, parsed.email);
  if (!staff || staff.disabled_at !== null) return;
  const token = newToken();
  await insertPasswordReset(db, {
    tokenHash: hashToken(token),
    staffId: staff.id,
    now,
    expiresAt: new Date(now.getTime() + RESET_MINUTES * 60 * 1000),
  });
  await sendLinkMail(mail, {
    to: staff.email,
    subject: `Reset your ${mail.siteName} newsroom password`,
    lines: [
      'Someone (we hope you) asked to reset the password of your newsroom account.',
      'Open this link to choose a new one:',
    ],
    path: `/admin/password-reset/${token}`,
    after:
      `The link works once and for ${RESET_MINUTES} minutes. ` +
      'If you did not ask for it, ignore this mail: your password stays as it is.',
  });
}

export async function findPasswordReset(db: Kysely<Database>, token: string, now: Date) {
  const row = plausibleToken(token) ? await selectUsableReset(db, hashToken(token), now) : undefined;
  if (!row) throw new NotFound(GONE);
  return { id: row.id, staffId: row.staff_id, email: row.email };
}

/** Sets the new password, spends every open reset link of the person and ends all their sessions. */
export async function completePasswordReset(
  db: Kysely<Database>,
  token: string,
  input: NewPassword,
  now: Date,
): Promise<void> {
  const reset = await findPasswordReset(db, token, now);
  const errors = newPasswordErrors(input, reset.email);
  if (Object.keys(errors).length > 0) throw new Invalid('Please correct the marked fields.', errors);
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    // Re-checked inside the transaction: of two tabs submitting the same link, only one wins.
    if (!(await selectUsableReset(trx, hashToken(token), now))) throw new NotFound(GONE);
    await useResets(trx, reset.staffId, now);
    await updateStaff(trx, reset.staffId, { password_hash: passwordHash });
    await deleteAllSessions(trx, reset.staffId);
    // A forgotten password is the usual cause of a lock-out; the owner proved themselves, so lift it.
    await trx
      .deleteFrom('sign_in_attempts')
      .where('email', '=', reset.email)
      .where('outcome', '=', 'failure')
      .execute();
  });
}
