// Every query on the staff, invitation, password-reset and setup tables. The database comes first.
import type { Insertable, Kysely } from 'kysely';
import type { Database, StaffRoleColumn, StaffTable } from '../../storage/schema.js';

export function selectStaffByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
}

export function selectStaffById(db: Kysely<Database>, id: number) {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectAllStaff(db: Kysely<Database>) {
  return db
    .selectFrom('staff')
    .select(['id', 'email', 'name', 'role', 'author_id', 'created_at', 'disabled_at'])
    .orderBy('disabled_at', (ob) => ob.desc().nullsFirst())
    .orderBy('name')
    .execute();
}

export async function insertStaff(db: Kysely<Database>, values: Insertable<StaffTable>): Promise<number> {
  const row = await db.insertInto('staff').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function countStaff(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateStaff(
  db: Kysely<Database>,
  id: number,
  values: Partial<Pick<StaffTable, 'role' | 'disabled_at' | 'password_hash' | 'name'>>,
): Promise<void> {
  await db.updateTable('staff').set(values).where('id', '=', id).execute();
}

export async function insertInvitation(
  db: Kysely<Database>,
  values: {
    tokenHash: string;
    email: string;
    role: StaffRoleColumn;
    invitedBy: number;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('staff_invitations')
    .values({
      token_hash: values.tokenHash,
      email: values.email,
      role: values.role,
      invited_by: values.invitedBy,
      created_at: values.now.toISOString(),
      expires_at: values.expiresAt.toISOString(),
    })
    .execute();
}

/** A pending invitation is neither accepted, revoked nor expired. */
export function selectPendingInvitation(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('staff_invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

export function selectPendingInvitations(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('staff_invitations as i')
    .leftJoin('staff as s', 's.id', 'i.invited_by')
    .select(['i.id', 'i.email', 'i.role', 'i.created_at', 'i.expires_at', 's.name as invitedByName'])
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', now.toISOString())
    .orderBy('i.created_at', 'desc')
    .execute();
}

export async function revokeInvitations(
  db: Kysely<Database>,
  where: { email: string } | { id: number },
  now: Date,
): Promise<number> {
  let query = db
    .updateTable('staff_invitations')
    .set({ revoked_at: now.toISOString() })
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null);
  query = 'email' in where ? query.where('email', '=', where.email) : query.where('id', '=', where.id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks it accepted only if still pending; false when another request used it first. */
export async function acceptInvitationRow(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_invitations')
    .set({ accepted_at: now.toISOString() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertPasswordReset(
  db: Kysely<Database>,
  values: { tokenHash: string; staffId: number; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: values.tokenHash,
      staff_id: values.staffId,
      created_at: values.now.toISOString(),
      expires_at: values.expiresAt.toISOString(),
    })
    .execute();
}

export function selectUsableReset(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('password_resets as r')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .select(['r.id', 'r.staff_id', 's.email'])
    .where('r.token_hash', '=', tokenHash)
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', now.toISOString())
    .where('s.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Uses up every open reset link of this person: one new password ends them all. */
export async function useResets(db: Kysely<Database>, staffId: number, now: Date): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now.toISOString() })
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .execute();
}

export async function insertSetupToken(
  db: Kysely<Database>,
  values: { tokenHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_setup_tokens')
    .values({
      token_hash: values.tokenHash,
      created_at: values.now.toISOString(),
      expires_at: values.expiresAt.toISOString(),
    })
    .execute();
}

export function selectUsableSetupToken(db: Kysely<Database>, tokenHash: string, now: Date) {
  return db
    .selectFrom('staff_setup_tokens')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** Spends one setup link if still unused; false when another request spent it first. */
export async function spendSetupToken(db: Kysely<Database>, tokenHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Once the first admin exists every setup link is spent, used or not. */
export async function useAllSetupTokens(db: Kysely<Database>, now: Date): Promise<void> {
  await db
    .updateTable('staff_setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('used_at', 'is', null)
    .execute();
}
