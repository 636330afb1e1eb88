// Every query on invitations: issued, found while pending (neither accepted, revoked nor expired), listed,
// revoked, and spent once. The database comes first.
import type { Kysely } from 'kysely';
import type { Database, StaffRoleColumn } from '../../storage/schema.js';

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
