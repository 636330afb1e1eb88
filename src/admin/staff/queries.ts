// Every query on the staff table: who is on it, adding someone, and changing a role, a name, a password or
// whether the account is enabled. The database comes first.
import type { Insertable, Kysely } from 'kysely';
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
