// The newsroom's people: who they are, their role, and the rules for changing either. Emails are kept
// lower-case so "Ana@Example.org" and "ana@example.org" are one person.
import type { Kysely } from 'kysely';
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

async function loadOther(db: Kysely<Database>, actor: StaffMember, staffId: number) {
  if (!canManageStaff(actor)) throw new Forbidden('Only admins may manage the staff.');
  const row = await q.selectStaffById(db, staffId);
  if (!row) throw new NotFound('There is no such staff member.');
  return row;
}

// A newsroom without an active admin cannot invite, promote or change settings ever again.
async function keepAnAdmin(
  db: Kysely<Database>,
  row: Pick<StaffTable, 'role' | 'disabled_at'>,
): Promise<void> {
  if (row.role === 'admin' && row.disabled_at === null && (await q.countActiveAdmins(db)) <= 1) {
    throw new Conflict('The newsroom needs at least one active admin. Make someone else an admin first.');
  }
}

export async function changeRole(db: Kysely<Database>, actor: StaffMember, staffId: number, role: unknown) {
  const next = parseRole(role);
  if (!next) throw new Invalid('Choose a role.', { role: `Role must be one of ${STAFF_ROLES.join(', ')}.` });
  const row = await loadOther(db, actor, staffId);
  if (row.role === next) return;
  if (next !== 'admin') await keepAnAdmin(db, row);
  await q.updateStaff(db, staffId, { role: next });
}

/** Disables an account and ends its sessions at once; the person and their work stay on record. */
export async function disableStaff(db: Kysely<Database>, actor: StaffMember, staffId: number, now: Date) {
  const row = await loadOther(db, actor, staffId);
  if (row.id === actor.id) throw new Conflict('You cannot disable your own account.');
  if (row.disabled_at) return;
  await keepAnAdmin(db, row);
  await q.updateStaff(db, staffId, { disabled_at: now.toISOString() });
  await deleteAllSessions(db, staffId);
}

export async function enableStaff(db: Kysely<Database>, actor: StaffMember, staffId: number) {
  await loadOther(db, actor, staffId);
  await q.updateStaff(db, staffId, { disabled_at: null });
}
