// The newsroom's people: who they are, their role, and the rules for changing either. Emails are kept
// lower-case so "Ana@Example.org" and "ana@example.org" are one person.
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { Conflict, type FieldErrors, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import type { Database, StaffTable } from '../../storage/schema.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { deleteAllSessions } from '../auth/sessions.js';
import { canManageStaff, type StaffMember, type StaffRole } from '../guardian.js';
import * as q from './queries.js';

export const STAFF_ROLES: readonly StaffRole[] = ['contributor', 'editor', 'admin'];

const emailSchema = z.email('must be an email address such as name@example.org').max(254);
const nameSchema = z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters');

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The email, lower-cased, or a message saying why it is not one. */
export function parseEmail(input: unknown): { email: string } | { problem: string } {
  const parsed = emailSchema.safeParse(typeof input === 'string' ? normaliseEmail(input) : input);
  return parsed.success ? { email: parsed.data } : { problem: parsed.error.issues[0]!.message };
}

export function parseRole(input: unknown): StaffRole | null {
  return STAFF_ROLES.includes(input as StaffRole) ? (input as StaffRole) : null;
}

export interface NewPassword {
  password: string;
  /** The second typing; checked only when given (the CLI asks once when the password comes from the env). */
  confirm?: string;
}

/** Field messages for a new password, under the field names the forms use. */
export function newPasswordErrors(input: NewPassword, email: string): FieldErrors {
  const errors: FieldErrors = {};
  const problem = passwordProblem(input.password, email);
  if (problem) errors.password = `Password ${problem}.`;
  else if (input.confirm !== undefined && input.confirm !== input.password) {
    errors.confirm = 'The two passwords are not the same.';
  }
  return errors;
}

export interface NewStaff extends NewPassword {
  email: string;
  name: string;
  role: string;
}

/** Checks a new staff member's details; throws Invalid with a message per wrong field. */
export function validateNewStaff(input: NewStaff): { email: string; name: string; role: StaffRole } {
  const errors: FieldErrors = {};
  const email = parseEmail(input.email);
  if ('problem' in email) errors.email = `Email ${email.problem}.`;
  const name = nameSchema.safeParse(input.name);
  if (!name.success) errors.name = `Name ${name.error.issues[0]!.message}.`;
  const role = parseRole(input.role);
  if (!role) errors.role = `Role must be one of ${STAFF_ROLES.join(', ')}.`;
  Object.assign(errors, newPasswordErrors(input, 'email' in email ? email.email : input.email));
  if (Object.keys(errors).length > 0) throw new Invalid('Please correct the marked fields.', errors);
  return { email: (email as { email: string }).email, name: name.data!, role: role! };
}

/** Creates a staff member with a password; the email must not belong to anyone on the staff yet. */
export async function createStaffMember(
  db: Kysely<Database>,
  input: NewStaff,
  now: Date,
): Promise<StaffMember> {
  const valid = validateNewStaff(input);
  if (await q.selectStaffByEmail(db, valid.email)) {
    throw new Conflict('Someone on the staff already uses that email address.', {
      email: 'This email address already has an account.',
    });
  }
  const id = await q.insertStaff(db, {
    email: valid.email,
    name: valid.name,
    role: valid.role,
    password_hash: await hashPassword(input.password),
    author_id: null,
    created_at: now.toISOString(),
    disabled_at: null,
  });
  return { id, email: valid.email, name: valid.name, role: valid.role, authorId: null };
}

export interface StaffListItem extends StaffMember {
  createdAt: string;
  disabledAt: string | null;
}

export async function listStaff(db: Kysely<Database>): Promise<StaffListItem[]> {
  return (await q.selectAllStaff(db)).map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    authorId: row.author_id,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  }));
}

export function hasStaff(db: Kysely<Database>): Promise<boolean> {
  return q.countStaff(db).then((n) => n > 0);
}

const ONLY_ADMINS = 'Only admins may manage the staff.';

async function loadOther(db: Kysely<Database>, actor: StaffMember, staffId: number) {
  if (!canManageStaff(actor)) throw new Forbidden(ONLY_ADMINS);
  const row = await q.selectStaffById(db, staffId);
  if (!row) throw new NotFound('There is no such staff member.');
  return row;
}

/**
 * Runs a change that may take the role or the account of an admin, in one transaction with every active
 * admin's row held (queries.ts), so the check that an admin remains and the change cannot be split: of two
 * admins demoting or disabling each other at once, the second finds the first's change done and is refused.
 */
async function withAdminsHeld<T>(
  db: Kysely<Database>,
  actor: StaffMember,
  staffId: number,
  change: (trx: Kysely<Database>, row: Selectable<StaffTable>, admins: number[]) => Promise<T>,
): Promise<T> {
  if (!canManageStaff(actor)) throw new Forbidden(ONLY_ADMINS);
  return db.transaction().execute(async (trx) => {
    const admins = await q.lockActiveAdmins(trx);
    // The request knew the actor as an admin when it began; another admin may have changed that since.
    if (!admins.includes(actor.id)) throw new Forbidden(ONLY_ADMINS);
    const row = await loadOther(trx, actor, staffId);
    return change(trx, row, admins);
  });
}

// A newsroom without an active admin cannot invite, promote or change settings ever again.
function keepAnAdmin(row: { id: number }, admins: number[]): void {
  if (admins.includes(row.id) && admins.length <= 1) {
    throw new Conflict('The newsroom needs at least one active admin. Make someone else an admin first.');
  }
}

export async function changeRole(db: Kysely<Database>, actor: StaffMember, staffId: number, role: unknown) {
  const next = parseRole(role);
  if (!next) throw new Invalid('Choose a role.', { role: `Role must be one of ${STAFF_ROLES.join(', ')}.` });
  await withAdminsHeld(db, actor, staffId, async (trx, row, admins) => {
    if (row.role === next) return;
    if (next !== 'admin') keepAnAdmin(row, admins);
    await q.updateStaff(trx, staffId, { role: next });
  });
}

/** Disables an account and ends its sessions at once; the person and their work stay on record. */
export async function disableStaff(db: Kysely<Database>, actor: StaffMember, staffId: number, now: Date) {
  await withAdminsHeld(db, actor, staffId, async (trx, row, admins) => {
    if (row.id === actor.id) throw new Conflict('You cannot disable your own account.');
    if (row.disabled_at) return;
    keepAnAdmin(row, admins);
    await q.updateStaff(trx, staffId, { disabled_at: now.toISOString() });
    await deleteAllSessions(trx, staffId);
  });
}

export async function enableStaff(db: Kysely<Database>, actor: StaffMember, staffId: number) {
  await loadOther(db, actor, staffId);
  await q.updateStaff(db, staffId, { disabled_at: null });
}
