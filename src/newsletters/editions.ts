// Editions: written in the newsroom as a draft (subject, introduction, chosen articles, sections to fill
// from), then sent now or at a set time. When sending starts the edition is rendered once and frozen, so
// every recipient, and the public archive, get the same edition however long the send takes.
import type { Kysely } from 'kysely';
import { Conflict, Invalid, NotFound } from '../http/errors.js';
import type { SiteContext } from '../site/site-context.js';
import type { Database, EditionStatus } from '../storage/schema.js';
import { editionStories } from './edition-content.js';
import { type RenderedEdition, renderEditionEmail, renderEditionWeb } from './edition-email.js';
import { listById } from './lists.js';
import { enqueueRecipients } from './send-queue.js';

export interface Edition {
  id: number;
  listId: number;
  subject: string;
  intro: string;
  articleSlugs: string[];
  sectionIds: number[];
  status: EditionStatus;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
}

export interface EditionInput {
  listId: number;
  subject: string;
  intro: string;
  articleSlugs: string[];
  sectionIds: number[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function parseIds<T>(json: string, ok: (v: unknown) => v is T): T[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter(ok) : [];
  } catch {
    return [];
  }
}

type EditionRow = Awaited<ReturnType<typeof editionRows>>[number];
function editionRows(db: Kysely<Database>) {
  return db.selectFrom('newsletter_editions').selectAll().execute();
}

function toEdition(row: EditionRow): Edition {
  return {
    id: row.id,
    listId: row.list_id,
    subject: row.subject,
    intro: row.intro,
    articleSlugs: parseIds(row.article_slugs, (v): v is string => typeof v === 'string'),
    sectionIds: parseIds(row.section_ids, (v): v is number => Number.isInteger(v)),
    status: row.status,
    scheduledAt: row.scheduled_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    lastError: row.last_error,
  };
}

function checkInput(input: EditionInput): void {
  const fields: Record<string, string> = {};
  if (!input.subject.trim() || input.subject.length > 200 || /[\r\n]/.test(input.subject)) {
    fields.subject = 'One line, at most 200 characters.';
  }
  if (input.intro.length > 20_000) fields.intro = 'At most 20,000 characters.';
  const bad = input.articleSlugs.filter((s) => !SLUG.test(s));
  if (bad.length > 0) fields.articles = `Not an article address: ${bad.slice(0, 3).join(', ')}`;
  if (input.articleSlugs.length > 30) fields.articles = 'At most 30 articles.';
  if (input.articleSlugs.length === 0 && input.sectionIds.length === 0 && !input.intro.trim()) {
    fields.intro = 'Write an introduction, choose articles, or choose sections to fill it from.';
  }
  if (Object.keys(fields).length > 0) throw new Invalid('Please check the edition.', fields);
}

export async function createEdition(db: Kysely<Database>, input: EditionInput, now: Date): Promise<number> {
  checkInput(input);
  await listById(db, input.listId);
  const row = await db
    .insertInto('newsletter_editions')
    .values({
      list_id: input.listId,
      subject: input.subject.trim(),
      intro: input.intro,
      article_slugs: JSON.stringify(input.articleSlugs),
      section_ids: JSON.stringify(input.sectionIds),
      status: 'draft',
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEdition(db: Kysely<Database>, id: number, input: EditionInput): Promise<void> {
  checkInput(input);
  await listById(db, input.listId);
  const result = await db
    .updateTable('newsletter_editions')
    .set({
      list_id: input.listId,
      subject: input.subject.trim(),
      intro: input.intro,
      article_slugs: JSON.stringify(input.articleSlugs),
      section_ids: JSON.stringify(input.sectionIds),
    })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'scheduled'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new Conflict('This edition is being sent or was sent: it can no longer change.');
}

export async function getEdition(db: Kysely<Database>, id: number): Promise<Edition> {
  const row = await db.selectFrom('newsletter_editions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('We could not find that edition.');
  return toEdition(row);
}

export async function listEditions(db: Kysely<Database>, limit = 100): Promise<Edition[]> {
  const rows = await db
    .selectFrom('newsletter_editions')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toEdition);
}

/** Renders an edition from its draft: for the preview, the test send, and the moment it is frozen. */
export async function renderEdition(
  db: Kysely<Database>,
  ctx: SiteContext,
  edition: Pick<Edition, 'listId' | 'subject' | 'intro' | 'articleSlugs' | 'sectionIds'>,
): Promise<RenderedEdition & { web: string }> {
  const list = await listById(db, edition.listId);
  const stories = await editionStories(db, ctx, edition.articleSlugs, edition.sectionIds);
  const draft = {
    subject: edition.subject,
    intro: edition.intro,
    listName: list.name,
    archiveUrl: `${ctx.baseUrl}/newsletters/${list.slug}`,
  };
  return { ...(await renderEditionEmail(ctx, draft, stories)), web: renderEditionWeb(draft, stories) };
}

export async function scheduleEdition(db: Kysely<Database>, id: number, at: Date, now: Date): Promise<void> {
  if (!(at.getTime() > now.getTime()))
    throw new Invalid('Choose a time in the future.', { at: 'In the past.' });
  const result = await db
    .updateTable('newsletter_editions')
    .set({ status: 'scheduled', scheduled_at: at.toISOString() })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'scheduled'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new Conflict('This edition is already being sent.');
}

/** Back to a draft: a scheduled edition that should wait. */
export async function unscheduleEdition(db: Kysely<Database>, id: number): Promise<void> {
  await db
    .updateTable('newsletter_editions')
    .set({ status: 'draft', scheduled_at: null })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .execute();
}

/**
 * Starts sending: renders and freezes the edition and queues its recipients, in one transaction that only
 * one caller can win (two instances reaching a scheduled edition at once start it once).
 */
export async function startSending(
  db: Kysely<Database>,
  ctx: SiteContext,
  id: number,
  now: Date,
): Promise<boolean> {
  const edition = await getEdition(db, id);
  if (edition.status !== 'draft' && edition.status !== 'scheduled') return false;
  const rendered = await renderEdition(db, ctx, edition);
  return db.transaction().execute(async (trx) => {
    const won = await trx
      .updateTable('newsletter_editions')
      .set({
        status: 'sending',
        started_at: now.toISOString(),
        html_body: rendered.html,
        text_body: rendered.text,
        web_html: rendered.web,
      })
      .where('id', '=', id)
      .where('status', '=', edition.status)
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 0) return false;
    await enqueueRecipients(trx, id, edition.listId);
    return true;
  });
}

/** Scheduled editions whose time has come. */
export async function dueEditions(db: Kysely<Database>, now: Date): Promise<number[]> {
  const rows = await db
    .selectFrom('newsletter_editions')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now.toISOString())
    .execute();
  return rows.map((r) => r.id);
}

export async function pauseEdition(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db
    .updateTable('newsletter_editions')
    .set({ status: 'paused' })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new Conflict('Only an edition being sent can be paused.');
}

export async function resumeEdition(db: Kysely<Database>, id: number): Promise<void> {
  const result = await db
    .updateTable('newsletter_editions')
    .set({ status: 'sending' })
    .where('id', '=', id)
    .where('status', '=', 'paused')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new Conflict('Only a paused edition can be resumed.');
}

/** Editions sent (or being sent) to a list, newest first: the public archive. */
export async function archivedEditions(db: Kysely<Database>, listId: number) {
  return db
    .selectFrom('newsletter_editions')
    .select(['id', 'subject', 'started_at'])
    .where('list_id', '=', listId)
    .where('status', 'in', ['sending', 'paused', 'sent'])
    .orderBy('started_at', 'desc')
    .limit(200)
    .execute();
}

export async function archivedEdition(db: Kysely<Database>, listId: number, id: number) {
  const row = await db
    .selectFrom('newsletter_editions')
    .select(['id', 'subject', 'started_at', 'web_html'])
    .where('list_id', '=', listId)
    .where('id', '=', id)
    .where('status', 'in', ['sending', 'paused', 'sent'])
    .executeTakeFirst();
  if (!row?.web_html) throw new NotFound('We could not find that edition.');
  return { ...row, web_html: row.web_html };
}
