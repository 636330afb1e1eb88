// Reads and writes of donation campaigns and what each has raised.
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database, DonationCampaignsTable } from '../storage/schema.js';

type Db = Kysely<Database>;
export type CampaignRow = Selectable<DonationCampaignsTable>;

export function listCampaignRows(db: Db) {
  return db
    .selectFrom('donation_campaigns')
    .selectAll()
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findCampaignRow(db: Db, id: number) {
  return db.selectFrom('donation_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The campaign running at this instant; the one that started last when several overlap. */
export function activeCampaignRow(db: Db, at: string) {
  return db
    .selectFrom('donation_campaigns')
    .selectAll()
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function insertCampaign(db: Db, values: Insertable<DonationCampaignsTable>): Promise<number> {
  return (await db.insertInto('donation_campaigns').values(values).returning('id').executeTakeFirstOrThrow())
    .id;
}

export async function updateCampaign(db: Db, id: number, values: Updateable<DonationCampaignsTable>) {
  await db.updateTable('donation_campaigns').set(values).where('id', '=', id).execute();
}

/** Raised per campaign in its own currency, net of refunds, with the number of distinct donors. */
export async function raisedByCampaign(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('donations')
    .innerJoin('donation_campaigns', 'donation_campaigns.id', 'donations.campaign_id')
    .select((eb) => [
      'donations.campaign_id',
      eb.fn
        .coalesce(eb.fn.sum<number>(sql`donations.amount - donations.refunded_amount`), eb.lit(0))
        .as('raised'),
      eb.fn.count<number>('donations.donor_id').distinct().as('donors'),
    ])
    .where('donations.campaign_id', 'in', ids)
    .whereRef('donations.currency', '=', 'donation_campaigns.currency')
    .groupBy('donations.campaign_id')
    .execute();
}
