// Fundraising campaigns: a goal in the site's currency, start and end dates (days in the site's time zone),
// and the call-to-action's words while it runs. Progress is what donations tied to it raised, net of refunds.
import type { Kysely } from 'kysely';
import { type FieldErrors, Invalid, NotFound } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import * as q from './campaign-queries.js';
import { majorUnits, parseMajorUnits } from './money.js';

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

/** The admin form's values, kept as typed so that a form with errors shows them again. */
export interface CampaignInput {
  name: string;
  goal: string;
  starts: string; // YYYY-MM-DD
  ends: string; // YYYY-MM-DD, inclusive
  ctaHeading: string;
  ctaText: string;
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

/** The start of a calendar day in an IANA time zone, as a UTC instant. */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that instant, read back through Intl; twice, in case the guess crossed a DST change.
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - at;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function dayIn(at: string | Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // Building a formatter costs far more than using one; reports call this once per gift.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(at));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Checks the form; throws Invalid with a message beside each wrong field. */
export function parseCampaignInput(input: CampaignInput, currency: string, timeZone: string) {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'Give the campaign a name.';
  else if (name.length > 120) errors.name = 'Keep the name under 120 characters.';
  const goal = parseMajorUnits(input.goal, currency);
  if (goal === null || goal <= 0) errors.goal = `Enter the goal as an amount in ${currency}, such as 5000.`;
  if (!validDay(input.starts)) errors.starts = 'Enter the first day as a date.';
  if (!validDay(input.ends)) errors.ends = 'Enter the last day as a date.';
  else if (validDay(input.starts) && input.ends < input.starts)
    errors.ends = 'The last day cannot be before the first.';
  if (input.ctaHeading.trim().length > 120) errors.ctaHeading = 'Keep the heading under 120 characters.';
  if (input.ctaText.trim().length > 500) errors.ctaText = 'Keep the text under 500 characters.';
  if (Object.keys(errors).length > 0)
    throw new Invalid('The campaign was not saved. Please correct the marked fields.', errors);
  const lastDay = new Date(`${input.ends}T00:00:00Z`);
  lastDay.setUTCDate(lastDay.getUTCDate() + 1);
  return {
    name,
    goal_amount: goal!,
    currency,
    starts_at: startOfDay(input.starts, timeZone).toISOString(),
    // Stored as the instant after the last day, so "running" is starts_at <= now < ends_at.
    ends_at: startOfDay(lastDay.toISOString().slice(0, 10), timeZone).toISOString(),
    cta_heading: input.ctaHeading.trim(),
    cta_text: input.ctaText.trim(),
  };
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

export function campaignToInput(c: Campaign, timeZone: string): CampaignInput {
  const lastInstant = new Date(Date.parse(c.endsAt) - 1);
  return {
    name: c.name,
    goal: majorUnits(c.goal, c.currency),
    starts: dayIn(c.startsAt, timeZone),
    ends: dayIn(lastInstant, timeZone),
    ctaHeading: c.ctaHeading,
    ctaText: c.ctaText,
  };
}
