// The campaign form: its values kept as typed, checked into a campaign's stored values (a goal in minor
// units, days as instants), and a stored campaign back into the form.
import { type FieldErrors, Invalid } from '../http/errors.js';
import { dayIn, startOfDay, validDay } from './campaign-days.js';
import type { Campaign } from './campaigns.js';
import { majorUnits, parseMajorUnits } from './money.js';

/** The admin form's values, kept as typed so that a form with errors shows them again. */
export interface CampaignInput {
  name: string;
  goal: string;
  starts: string; // YYYY-MM-DD
  ends: string; // YYYY-MM-DD, inclusive
  ctaHeading: string;
  ctaText: string;
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
