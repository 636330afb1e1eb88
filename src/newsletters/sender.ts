// Sends the editions that are due, from the durable queue (send-queue.ts): takes a batch of rows, sends them
// through the pooled transport at the configured rate, one SMTP transaction per connection at a time, and
// records each outcome as it happens. Every instance may run one; the claims keep them off each other's rows.
// A refusal for good (5xx) fails the row and suppresses the address at once; a server that cannot be
// reached, or says "later" (4xx), puts the rows back, pauses this edition's sending a while and tells the
// newsroom why on the edition (last_error), until the server answers again.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { loggableFailure, permanentMailFailure } from '../mail/mailer.js';
import type { SiteState } from '../site/site-state.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Database } from '../storage/schema.js';
import type { BulkTransport } from './bulk-transport.js';
import { UNSUBSCRIBE_SLOT } from './edition-email.js';
import { dueEditions, startSending } from './editions.js';
import { listById } from './lists.js';
import {
  type ClaimedDelivery,
  claimDeliveries,
  markFailed,
  markSending,
  markSent,
  reclaimExpired,
  releaseDeliveries,
} from './send-queue.js';
import { suppress } from './suppression.js';
import { unsubscribeUrl } from './unsubscribe.js';

/** The archive pages list the editions sent: a start or an end changes them. */
export const NEWSLETTER_ARCHIVE_TAG = 'newsletter-archive';

export interface SenderOptions {
  db: Kysely<Database>;
  site: SiteState;
  events: ContentEvents;
  transport: BulkTransport;
  secret: string;
  publicUrl: string;
  /** The sender when a list names none (MAIL_FROM). */
  defaultFrom: string;
  /** Messages a second from this instance. */
  ratePerSecond: number;
  /** How long a claimed row is this instance's; past it (a killed instance) another takes it. */
  leaseMs: number;
  /** How long to wait before trying again when the SMTP server is unreachable. */
  retryMs: number;
  pollMs: number;
  clock?: () => Date;
  log?: { error(obj: object, msg: string): void };
  /** Rows claimed at a time; by default about five seconds' worth at the rate. */
  batchSize?: number;
  /** Names this instance in the queue's claims; a fresh one per start. */
  workerId?: string;
}

export interface Sender {
  /** One round: start what is due, then send one batch of every edition being sent. True if it sent any. */
  runOnce(): Promise<boolean>;
  start(): void;
  /** Stops after the batch in flight has been recorded. */
  stop(): Promise<void>;
}

/** The same Message-ID every time a row is sent, so a copy sent again after a crash is known as the same mail. */
export function deliveryMessageId(
  secret: string,
  host: string,
  editionId: number,
  deliveryId: number,
): string {
  const tag = createHash('sha256').update(`${secret}:${editionId}:${deliveryId}`).digest('hex').slice(0, 16);
  return `<edition-${editionId}.${deliveryId}.${tag}@${host}>`;
}

class Pacer {
  private next = 0;
  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}
  /** Waits for this message's slot: the rate holds however many connections send at once. */
  async slot(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}

export function newsletterSender(options: SenderOptions): Sender {
  const { db, transport } = options;
  const clock = options.clock ?? (() => new Date());
  const worker = options.workerId ?? randomUUID();
  const host = new URL(options.publicUrl).hostname;
  // About five seconds' worth, and never more than half a lease's worth: a batch is sent well within the
  // lease, so no other instance takes its rows back while this one is still sending them.
  const batchSize =
    options.batchSize ??
    Math.max(
      transport.connections,
      Math.floor(Math.min(500, options.ratePerSecond * 5, (options.ratePerSecond * options.leaseMs) / 2000)),
    );
  const pacer = new Pacer(1000 / options.ratePerSecond, () => Date.now());
  /** Editions whose server was unreachable, and when to try them again. */
  const waiting = new Map<number, number>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  const lease = () => new Date(clock().getTime() + options.leaseMs);

  async function sendBatch(editionId: number): Promise<boolean> {
    if ((waiting.get(editionId) ?? 0) > Date.now()) return false;
    const edition = await db
      .selectFrom('newsletter_editions')
      .select(['id', 'list_id', 'subject', 'html_body', 'text_body', 'status', 'last_error'])
      .where('id', '=', editionId)
      .executeTakeFirst();
    if (edition?.status !== 'sending' || edition.html_body === null || edition.text_body === null) {
      return false;
    }
    const html = edition.html_body;
    const text = edition.text_body;
    await reclaimExpired(db, editionId, clock());
    const rows = await claimDeliveries(db, editionId, worker, clock(), lease(), batchSize);
    if (rows.length === 0) {
      await finishIfDone(editionId);
      return false;
    }
    const list = await listById(db, edition.list_id);
    const from = list.sender ?? options.defaultFrom;
    let unreachable: unknown = null;
    const pending = [...rows];

    async function sendOne(row: ClaimedDelivery): Promise<void> {
      await pacer.slot();
      // Checked between messages: a server found down, or this instance stopping, ends the batch here.
      if (unreachable || stopped) {
        pending.unshift(row);
        return;
      }
      if (!(await markSending(db, row.id, worker, lease()))) return;
      const unsubscribe =
        row.subscriptionId === null
          ? options.publicUrl
          : unsubscribeUrl(options.publicUrl, options.secret, row.subscriptionId);
      try {
        await transport.send({
          from,
          to: row.email,
          subject: edition!.subject,
          html: html.replaceAll(UNSUBSCRIBE_SLOT, unsubscribe),
          text: text.replaceAll(UNSUBSCRIBE_SLOT, unsubscribe),
          messageId: deliveryMessageId(options.secret, host, editionId, row.id),
          headers: {
            'List-Unsubscribe': `<${unsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'List-Id': `${list.name.replace(/[<>"\r\n]/g, '')} <${list.slug}.${host}>`,
            Precedence: 'bulk',
          },
        });
      } catch (error) {
        if (permanentMailFailure(error)) {
          const code = (error as { responseCode: number }).responseCode;
          await markFailed(db, row.id, worker, `refused (${code})`);
          await suppress(db, row.email, 'bounced', clock());
          return;
        }
        unreachable = error;
        await releaseDeliveries(db, [row.id], worker, null, describe(error));
        return;
      }
      await markSent(db, row.id, worker, clock());
    }

    async function lane(): Promise<void> {
      // Checked before a row is taken: a row taken is either sent or put back (sendOne).
      while (!unreachable && !stopped) {
        const row = pending.shift();
        if (!row) return;
        await sendOne(row);
      }
    }
    await Promise.all(Array.from({ length: Math.min(transport.connections, rows.length) }, lane));
    // Rows this batch did not reach (the server went away, or this instance is stopping) go back now, not at
    // the end of their lease.
    const left = rows.filter((r) => pending.includes(r)).map((r) => r.id);
    if (unreachable) {
      const why = describe(unreachable);
      options.log?.error(
        { editionId, failure: loggableFailure(unreachable) },
        'newsletter send waits for SMTP',
      );
      await releaseDeliveries(db, left, worker, null, why);
      waiting.set(editionId, Date.now() + options.retryMs);
      await db
        .updateTable('newsletter_editions')
        .set({ last_error: why })
        .where('id', '=', editionId)
        .execute();
      return false;
    }
    await releaseDeliveries(db, left, worker, null, null);
    waiting.delete(editionId);
    if (edition.last_error !== null) {
      await db
        .updateTable('newsletter_editions')
        .set({ last_error: null })
        .where('id', '=', editionId)
        .execute();
    }
    return true;
  }

  async function finishIfDone(editionId: number): Promise<void> {
    const open = await db
      .selectFrom('newsletter_deliveries')
      .select('id')
      .where('edition_id', '=', editionId)
      .where('state', 'in', ['queued', 'claimed', 'sending'])
      .limit(1)
      .executeTakeFirst();
    if (open) return;
    const done = await db
      .updateTable('newsletter_editions')
      .set({ status: 'sent', finished_at: clock().toISOString(), last_error: null })
      .where('id', '=', editionId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) > 0) await options.events.changed([NEWSLETTER_ARCHIVE_TAG]);
  }

  async function runOnce(): Promise<boolean> {
    const due = await dueEditions(db, clock());
    if (due.length > 0) {
      const ctx = await options.site.context();
      for (const id of due) {
        if (await startSending(db, ctx, id, clock())) await options.events.changed([NEWSLETTER_ARCHIVE_TAG]);
      }
    }
    const sending = await db
      .selectFrom('newsletter_editions')
      .select('id')
      .where('status', '=', 'sending')
      .orderBy('id')
      .execute();
    let sent = false;
    for (const { id } of sending) {
      if (stopped) break;
      if (await sendBatch(id)) sent = true;
    }
    return sent;
  }

  async function loop(): Promise<void> {
    timer = null;
    let busy = false;
    try {
      running = runOnce();
      busy = (await running) as boolean;
    } catch (error) {
      options.log?.error({ failure: loggableFailure(error) }, 'newsletter sending failed');
    } finally {
      running = null;
    }
    if (!stopped) timer = setTimeout(loop, busy ? 0 : options.pollMs);
  }

  return {
    runOnce,
    start() {
      stopped = false;
      timer ??= setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
      transport.close();
    },
  };
}

/** What the newsroom is told when the server cannot take mail now: the kind of failure, never an address. */
function describe(error: unknown): string {
  const f = loggableFailure(error);
  if (f.responseCode) return `The mail server answered ${f.responseCode} (try later); sending will retry.`;
  if (f.code) return `The mail server could not be reached (${f.code}); sending will retry.`;
  return 'The mail server failed; sending will retry.';
}
