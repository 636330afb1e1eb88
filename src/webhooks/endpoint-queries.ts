// The endpoints' and the delivery log's SQL, for the newsroom screens.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, WebhookEndpointsTable } from '../storage/schema.js';

type Db = Kysely<Database>;

export function selectEndpoints(db: Db) {
  return db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
}

export function selectEndpoint(db: Db, id: number) {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEndpoint(db: Db, values: Insertable<WebhookEndpointsTable>): Promise<number> {
  const row = await db
    .insertInto('webhook_endpoints')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEndpoint(db: Db, id: number, values: Updateable<WebhookEndpointsTable>) {
  const result = await db
    .updateTable('webhook_endpoints')
    .set(values)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deliveries waiting per endpoint (pending, due or not). */
export async function pendingCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['endpoint_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .groupBy('endpoint_id')
    .execute();
  return new Map(rows.map((r) => [r.endpoint_id, Number(r.n)]));
}

export function selectDeliveries(db: Db, endpointId: number, limit: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as v', 'v.id', 'd.event_id')
    .select([
      'd.id',
      'v.type',
      'v.message_id',
      'd.status',
      'd.attempts',
      'd.last_status',
      'd.last_error',
      'd.next_attempt_at',
      'd.created_at',
      'd.completed_at',
    ])
    .where('d.endpoint_id', '=', endpointId)
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

export function selectAttempts(db: Db, endpointId: number, limit: number) {
  return db
    .selectFrom('webhook_attempts as a')
    .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
    .innerJoin('webhook_events as v', 'v.id', 'd.event_id')
    .select([
      'a.id',
      'a.delivery_id',
      'v.type',
      'a.attempt',
      'a.attempted_at',
      'a.status_code',
      'a.duration_ms',
      'a.error',
    ])
    .where('d.endpoint_id', '=', endpointId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

export function selectDelivery(db: Db, id: number) {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Due at once again, whatever it was; an attempt in progress keeps its claim. */
export async function requeueDelivery(db: Db, id: number, at: string) {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: at, completed_at: null })
    .where('id', '=', id)
    .execute();
}
