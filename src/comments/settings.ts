// The newsroom's comment settings: how comments are moderated, what is blocked or held, when threads close,
// how long IP hashes are kept, and the optional Akismet-compatible checker: one section of the settings store.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type FieldErrors, Invalid } from '../http/errors.js';
import { fieldErrorsOf } from '../http/validation.js';
import type { Database } from '../storage/schema.js';
import { readSettings, saveSettings, settingsSection } from '../storage/settings-store.js';

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
  // Who last changed the checker's address or key, and when: it receives every commenter's email and IP.
  checkerChange: z
    .object({ staffId: z.number().int(), name: z.string().max(200), at: z.string().max(40) })
    .nullable()
    .default(null),
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
  checkerChange: null,
};

const NOT_VALID = 'Some settings are not valid.';

/** Validates a settings document; throws Invalid with one message per wrong field. */
export function parseCommentSettings(input: unknown): CommentSettings {
  const parsed = commentSettingsSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(NOT_VALID, byField(fieldErrorsOf(parsed.error, 'settings')));
  const s = parsed.data;
  if (Boolean(s.akismetUrl) !== Boolean(s.akismetKey)) {
    throw new Invalid(NOT_VALID, {
      [s.akismetUrl ? 'akismetKey' : 'akismetUrl']: 'the checker needs both its address and its key',
    });
  }
  return { ...s, blockList: unique(s.blockList), holdList: unique(s.holdList) };
}

// The settings form has one field per setting: a wrong entry of a list ("blockList.3") is the list's problem.
function byField(errors: FieldErrors): FieldErrors {
  const fields: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) fields[path.split('.')[0]!] ??= message;
  return fields;
}

function unique(list: string[]): string[] {
  return [...new Set(list.map((entry) => entry.toLowerCase()))];
}

export const commentSettingsSection = settingsSection<CommentSettings>({
  key: 'comments',
  defaults: defaultCommentSettings,
  parse: parseCommentSettings,
});

export function readCommentSettings(db: Kysely<Database>): Promise<CommentSettings> {
  return readSettings(db, commentSettingsSection);
}

export function saveCommentSettings(
  db: Kysely<Database>,
  input: unknown,
  now: Date,
): Promise<CommentSettings> {
  return saveSettings(db, commentSettingsSection, input, now);
}
