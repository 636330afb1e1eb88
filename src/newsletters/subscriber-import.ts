// Subscribers brought from another service (a Mailchimp or Substack export, or any CSV with an email
// column): good rows are imported with their consent date, each broken row is reported by its line, and an
// address the old service had as unsubscribed, bounced or cleaned is suppressed here too, never mailed.
import type { Kysely } from 'kysely';
import { Invalid } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { isAddress, normaliseAddress } from './addresses.js';
import { parseCsv, toCsv } from './csv.js';
import { suppress } from './suppression.js';

export interface ImportReport {
  subscribed: number;
  suppressed: number;
  problems: Array<{ line: number; problem: string }>;
}

const EMAIL_COLUMNS = ['email address', 'email', 'e-mail', 'email_address'];
// Mailchimp: OPTIN_TIME / CONFIRM_TIME; Substack: subscription_date / created_at; others: consent_date.
const CONSENT_COLUMNS = ['confirm_time', 'optin_time', 'subscription_date', 'consent_date', 'created_at'];
const GONE_STATUSES = new Set(['unsubscribed', 'cleaned', 'bounced', 'complained', 'inactive', 'archived']);
// Mailchimp's unsubscribed and cleaned exports carry these columns; Substack marks a dead address so.
const GONE_COLUMNS = ['unsub_time', 'clean_time'];
const MAX_ROWS = 200_000;

function readDate(value: string): string | null | 'bad' {
  const text = value.trim();
  if (!text) return null;
  // Mailchimp writes "2023-04-01 10:20:30" in UTC.
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? 'bad' : new Date(time).toISOString();
}

export async function importSubscribers(
  db: Kysely<Database>,
  listId: number,
  csv: string,
  source: string,
  now: Date,
): Promise<ImportReport> {
  const [header, ...rows] = parseCsv(csv);
  const names = header?.fields.map((h) => h.trim().toLowerCase()) ?? [];
  const emailAt = names.findIndex((n) => EMAIL_COLUMNS.includes(n));
  if (emailAt < 0) {
    throw new Invalid('The file has no email column.', {
      file: 'The first line must name an "email" column.',
    });
  }
  if (rows.length > MAX_ROWS)
    throw new Invalid(`At most ${MAX_ROWS} rows at a time.`, { file: 'Too many rows.' });
  const consentAt = CONSENT_COLUMNS.map((c) => names.indexOf(c)).find((i) => i >= 0) ?? -1;
  const statusAt = names.indexOf('status');
  const goneAt = GONE_COLUMNS.map((c) => names.indexOf(c)).filter((i) => i >= 0);
  const disabledAt = names.indexOf('email_disabled');
  const report: ImportReport = { subscribed: 0, suppressed: 0, problems: [] };
  const at = now.toISOString();
  const wording = `Imported from ${source}`.slice(0, 200);

  for (const row of rows) {
    const email = normaliseAddress(row.fields[emailAt] ?? '');
    if (!isAddress(email)) {
      report.problems.push({ line: row.line, problem: email ? 'not an email address' : 'no email address' });
      continue;
    }
    const status = statusAt >= 0 ? (row.fields[statusAt] ?? '').trim().toLowerCase() : '';
    const gone =
      GONE_STATUSES.has(status) ||
      goneAt.some((i) => (row.fields[i] ?? '').trim() !== '') ||
      (disabledAt >= 0 && /^(true|1|yes)$/i.test((row.fields[disabledAt] ?? '').trim()));
    if (gone) {
      await suppress(db, email, 'imported', now);
      report.suppressed++;
      continue;
    }
    const consent = consentAt >= 0 ? readDate(row.fields[consentAt] ?? '') : null;
    if (consent === 'bad') {
      report.problems.push({ line: row.line, problem: 'the consent date is not a date' });
      continue;
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('newsletter_subscribers')
        .values({ email, created_at: at })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
      const subscriber = await trx
        .selectFrom('newsletter_subscribers')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      // An address already here keeps its own record: a reader who unsubscribed stays unsubscribed.
      await trx
        .insertInto('newsletter_subscriptions')
        .values({
          subscriber_id: subscriber.id,
          list_id: listId,
          status: 'active',
          consent_at: consent ?? at,
          consent_form: 'import',
          consent_wording: wording,
          created_at: at,
        })
        .onConflict((oc) => oc.columns(['subscriber_id', 'list_id']).doNothing())
        .execute();
    });
    report.subscribed++;
  }
  return report;
}

/** The list's subscribers with their consent record, for the newsroom's own keeping or another service. */
export async function exportSubscribers(db: Kysely<Database>, listId: number): Promise<string> {
  const rows = await db
    .selectFrom('newsletter_subscriptions as s')
    .innerJoin('newsletter_subscribers as r', 'r.id', 's.subscriber_id')
    .leftJoin('newsletter_suppressions as x', 'x.email', 'r.email')
    .select([
      'r.email',
      's.status',
      's.consent_at',
      's.consent_form',
      's.consent_wording',
      's.unsubscribed_at',
      'x.reason as suppressed',
    ])
    .where('s.list_id', '=', listId)
    .orderBy('s.id')
    .execute();
  return toCsv(
    ['email', 'status', 'consent_date', 'consent_form', 'consent_wording', 'unsubscribed_at', 'suppressed'],
    rows.map((r) => [
      r.email,
      r.status,
      r.consent_at,
      r.consent_form,
      r.consent_wording,
      r.unsubscribed_at,
      r.suppressed,
    ]),
  );
}

/** How many subscribers each list has, by status. */
export async function subscriberCounts(db: Kysely<Database>) {
  return db
    .selectFrom('newsletter_subscriptions')
    .select(['list_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['list_id', 'status'])
    .execute();
}
