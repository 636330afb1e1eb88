// Fundraising campaigns: a goal in the site's currency, start and end dates (days in the site's time zone),
// and the call-to-action's words while it runs. Progress is what donations tied to it raised, net of refunds.
import type { Kysely } from 'kysely';
import { NotFound } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { type CampaignInput, parseCampaignInput } from './campaign-input.js';
import * as q from './campaign-queries.js';

type Db = Kysely<Database>;

export interface Campaign {
  id: number;
  name: string;
  goal: number;
  currency: string;
  startsAt: string;
  endsAt: string;
  ctaHeading: string;
  ctaText: string;
}

export interface CampaignWithProgress extends Campaign {
  raised: number;
  donors: number;
}

function toCampaign(row: q.CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    goal: row.goal_amount,
    currency: row.currency,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    ctaHeading: row.cta_heading,
    ctaText: row.cta_text,
  };
}

async function withProgress(db: Db, campaigns: Campaign[]): Promise<CampaignWithProgress[]> {
  const raised = await q.raisedByCampaign(
    db,
    campaigns.map((c) => c.id),
  );
  return campaigns.map((c) => {
    const r = raised.find((x) => x.campaign_id === c.id);
    return { ...c, raised: Number(r?.raised ?? 0), donors: Number(r?.donors ?? 0) };
  });
}

export async function listCampaigns(db: Db): Promise<CampaignWithProgress[]> {
  return withProgress(db, (await q.listCampaignRows(db)).map(toCampaign));
}

export async function getCampaign(db: Db, id: number): Promise<Campaign> {
  const row = await q.findCampaignRow(db, id);
  if (!row) throw new NotFound('There is no such campaign.');
  return toCampaign(row);
}

export async function activeCampaign(db: Db, now: Date): Promise<CampaignWithProgress | null> {
  const row = await q.activeCampaignRow(db, now.toISOString());
  if (!row) return null;
  return (await withProgress(db, [toCampaign(row)]))[0]!;
}

export async function createCampaign(
  db: Db,
  input: CampaignInput,
  currency: string,
  timeZone: string,
  now: Date,
) {
  const values = parseCampaignInput(input, currency, timeZone);
  return q.insertCampaign(db, { ...values, created_at: now.toISOString(), updated_at: now.toISOString() });
}

export async function updateCampaign(db: Db, id: number, input: CampaignInput, timeZone: string, now: Date) {
  const current = await getCampaign(db, id);
  // The currency stays the one the goal was set in; progress counts only gifts in it.
  const values = parseCampaignInput(input, current.currency, timeZone);
  await q.updateCampaign(db, id, { ...values, updated_at: now.toISOString() });
}
