// Inviting someone to the newsroom: an admin names an email and a role, the person gets a one-time link
// (valid 7 days) and sets their own name and password. A new invitation to the same email replaces the old.
import type { Kysely } from 'kysely';
import { DomainError, Invalid, NotFound } from '../../http/errors.js';
import type { Database } from '../../storage/schema.js';
import { type LinkMailer, sendLinkMail } from '../auth/link-mail.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newToken, plausibleToken } from '../auth/tokens.js';
import type { StaffMember, StaffRole } from '../guardian.js';
import {
  acceptInvitationRow,
  insertInvitation,
  revokeInvitations,
  selectPendingInvitation,
  selectPendingInvitations,
} from './invitation-queries.js';
import { insertStaff, selectStaffByEmail } from './queries.js';
import { type NewPassword, newPasswordErrors, parseEmail, parseRole, STAFF_ROLES } from './staff.js';

export const INVITATION_DAYS = 7;
const GONE =
  'This invitation link is not valid any more: it was used, replaced or withdrawn, or it expired. ' +
  'Ask an admin of your newsroom for a new one.';

export async function inviteStaff(
  db: Kysely<Database>,
  mail: LinkMailer & { siteName: string },
  actor: StaffMember,
  input: { email: unknown; role: unknown },
  now: Date,
): Promise<void> {
  const email = parseEmail(input.email);
  const role = parseRole(input.role);
  const errors: Record<string, string> = {};
  if ('problem' in email) errors.email = `Email ${email.problem}.`;
  else if (await selectStaffByEmail(db, email.email))
    errors.email = 'Someone on the staff already uses this email.';
  if (!role) errors.role = `Role must be one of ${STAFF_ROLES.join(', ')}.`;
  if (Object.keys(errors).length > 0) throw new Invalid('The invitation was not sent.', errors);
  const address = (email as { email: string }).email;

  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await revokeInvitations(trx, { email: address }, now);
    await insertInvitation(trx, {
      tokenHash: hashToken(token),
      email: address,
      role: role!,
      invitedBy: actor.id,
      now,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
    });
  });
  try {
    await sendLinkMail(mail, {
      to: address,
      subject: `You are invited to the newsroom of ${mail.siteName}`,
      lines: [
        `${actor.name} invited you to join the newsroom of ${mail.siteName} as ${article(role!)} ${role}.`,
        'Open this link to choose your name and password:',
      ],
      path: `/admin/invitations/${token}`,
      after:
        `The link works once and for ${INVITATION_DAYS} days. ` +
        'If you did not expect it, ignore this mail.',
    });
  } catch {
    // An invitation nobody received must not stay usable in someone's outbox or logs.
    await revokeInvitations(db, { email: address }, now);
    throw new DomainError(
      'MAIL_FAILED',
      502,
      'The invitation could not be sent: the mail server did not accept it. ' +
        'Check the SMTP settings and try again.',
    );
  }
}

function article(role: StaffRole): string {
  return role === 'admin' || role === 'editor' ? 'an' : 'a';
}

export async function findInvitation(db: Kysely<Database>, token: string, now: Date) {
  const row = plausibleToken(token) ? await selectPendingInvitation(db, hashToken(token), now) : undefined;
  if (!row) throw new NotFound(GONE);
  return { id: row.id, email: row.email, role: row.role };
}

/** Creates the account the invitation promised; the link is spent in the same transaction. */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  input: NewPassword & { name: unknown },
  now: Date,
): Promise<StaffMember> {
  const invitation = await findInvitation(db, token, now);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const errors = newPasswordErrors(input, invitation.email);
  if (!name) errors.name = 'Name is required.';
  else if (name.length > 120) errors.name = 'Name must be at most 120 characters.';
  if (Object.keys(errors).length > 0) throw new Invalid('Please correct the marked fields.', errors);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (!(await acceptInvitationRow(trx, invitation.id, now))) throw new NotFound(GONE);
    if (await selectStaffByEmail(trx, invitation.email)) throw new NotFound(GONE);
    const id = await insertStaff(trx, {
      email: invitation.email,
      name,
      role: invitation.role,
      password_hash: passwordHash,
      author_id: null,
      created_at: now.toISOString(),
      disabled_at: null,
    });
    return { id, email: invitation.email, name, role: invitation.role, authorId: null };
  });
}

export async function listPendingInvitations(db: Kysely<Database>, now: Date) {
  return (await selectPendingInvitations(db, now)).map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    invitedBy: r.invitedByName,
  }));
}

export async function withdrawInvitation(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await revokeInvitations(db, { id }, now);
}
