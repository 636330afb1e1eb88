// Every query on the staff table: who is on it, adding someone, and changing a role, a name, a password or
// whether the account is enabled. The database comes first.
import type { Insertable, Kysely } from 'kysely';
import { dialectOf } from '../../storage/prepared.js';
import type { Database, StaffTable } from '../../storage/schema.js';

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

/**
 * The ids of the active admins, their rows locked until the transaction ends on PostgreSQL (in id order, so
 * two transactions never wait for each other crosswise). SQLite has no row locks and needs none: one
 * transaction writes at a time, and one that read before another's write cannot write after it.
 */
export async function lockActiveAdmins(trx: Kysely<Database>): Promise<number[]> {
  const rows = await trx
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .$if(dialectOf(trx) === 'postgres', (query) => query.forUpdate())
    .execute();
  return rows.map((row) => row.id);
}

export async function updateStaff(
  db: Kysely<Database>,
  id: number,
  values: Partial<Pick<StaffTable, 'role' | 'disabled_at' | 'password_hash' | 'name'>>,
): Promise<void> {
  await db.updateTable('staff').set(values).where('id', '=', id).execute();
}
