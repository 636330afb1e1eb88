// The newsroom's comment settings: how comments are moderated, what is blocked or held, when threads close,
// how long IP hashes are kept, and the optional Akismet-compatible checker. One JSON document in site_settings.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Invalid } from '../http/errors.js';
import type { Database } from '../storage/schema.js';

const KEY = 'comments';

export const MODERATION_MODES = ['hold_all', 'first_time', 'approve_all'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

const blocklist = z
  .array(z.string().trim().min(2, 'entries must be at least two characters').max(200))
  .max(1000, 'may have at most 1,000 entries');

export const commentSettingsSchema = z.object({
  mode: z.enum(MODERATION_MODES),
  // Words, phrases, addresses or domains. "block" refuses the comment; "hold" sends it to the queue.
  blockList: blocklist,
  holdList: blocklist,
  // More links than this in one comment sends it to the queue.
  linkLimit: z.number().int().min(0).max(50),
  // Threads close this many days after publication; 0 keeps them open.
  autoCloseDays: z.number().int().min(0).max(3650),
  // Hashed IP addresses are erased after this many days; rate limits only need minutes.
  ipRetentionDays: z.number().int().min(1).max(365),
  // A person reads before writing; a script posts at once.
  minSecondsBeforePosting: z.number().int().min(0).max(600),
  // Top-level comments per page; replies stay with their thread.
  perPage: z.number().int().min(5).max(500),
  order: z.enum(['oldest', 'newest']),
  akismetUrl: z.union([
    z.literal(''),
    z.url({ protocol: /^https?$/, error: 'must be a web address starting with https://' }).max(300),
  ]),
  akismetKey: z.string().trim().max(200),
});

export type CommentSettings = z.infer<typeof commentSettingsSchema>;

export const defaultCommentSettings: CommentSettings = {
  mode: 'first_time',
  blockList: [],
  holdList: [],
  linkLimit: 2,
  autoCloseDays: 0,
  ipRetentionDays: 30,
  minSecondsBeforePosting: 3,
  perPage: 50,
  order: 'oldest',
  akismetUrl: '',
  akismetKey: '',
};

/** Validates a settings document; throws Invalid with one message per wrong field. */
export function parseCommentSettings(input: unknown): CommentSettings {
  const parsed = commentSettingsSchema.safeParse(input);
  if (parsed.success) {
    const s = parsed.data;
    if (Boolean(s.akismetUrl) !== Boolean(s.akismetKey)) {
      throw new Invalid('Some settings are not valid.', {
        [s.akismetUrl ? 'akismetKey' : 'akismetUrl']: 'the checker needs both its address and its key',
      });
    }
    return { ...s, blockList: unique(s.blockList), holdList: unique(s.holdList) };
  }
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'settings')] ??= issue.message;
  throw new Invalid('Some settings are not valid.', fields);
}

function unique(list: string[]): string[] {
  return [...new Set(list.map((entry) => entry.toLowerCase()))];
}

export async function readCommentSettings(db: Kysely<Database>): Promise<CommentSettings> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return defaultCommentSettings;
  // A document written by an older version keeps working: missing keys take their defaults.
  return parseCommentSettings({ ...defaultCommentSettings, ...JSON.parse(row.value) });
}

export async function saveCommentSettings(
  db: Kysely<Database>,
  input: unknown,
  now: Date,
): Promise<CommentSettings> {
  const settings = parseCommentSettings(input);
  const value = JSON.stringify(settings);
  await db
    .insertInto('site_settings')
    .values({ key: KEY, value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
    .execute();
  return settings;
}
