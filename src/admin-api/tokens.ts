// Admin API tokens: made by admins for a named tool, acting as one staff member within chosen scopes, shown
// once, kept only as a keyed hash, revocable, optionally expiring, with the time each was last used.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canManageApiTokens, type StaffMember } from '../admin/guardian.js';
import { listStaff } from '../admin/staff/staff.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { parseOrInvalid } from '../http/validation.js';
import type { Database } from '../storage/schema.js';
import { zonedTime } from '../views/dates.js';
import { insertToken, selectTokens, updateRevoked } from './queries.js';
import { type ApiScope, isApiScope } from './scopes.js';
import { apiTokenHash, newApiToken } from './token-secret.js';

export interface ApiTokenSummary {
  id: number;
  name: string;
  scopes: ApiScope[];
  /** The staff member the token acts as. */
  staff: { id: number; name: string } | null;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewTokenInput {
  name: string;
  scopes: string[];
  /** '' for the admin making it. */
  staffId: string;
  /** '' for never; a date (the token ends at the start of that day, UTC) or a date and time. */
  expiresAt: string;
}

const newTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after the tool that will use it, such as “Zapier”.')
    .max(80, 'At most 80 characters.'),
  scopes: z
    .array(z.string())
    .refine((s) => s.every(isApiScope), 'Choose scopes from the list.')
    .refine((s) => s.length > 0, 'Choose at least one scope.'),
  staffId: z.string().regex(/^([1-9][0-9]{0,9})?$/, 'Choose a staff member from the list.'),
  expiresAt: z.union([z.literal(''), z.iso.date(), z.iso.datetime({ offset: true })], {
    message: 'Enter a date such as 2027-06-30, or leave it empty.',
  }),
});

function mustManage(actor: StaffMember): void {
  if (!canManageApiTokens(actor)) throw new Forbidden('Only admins may manage API tokens.');
}

export function scopesOf(json: string): ApiScope[] {
  return (JSON.parse(json) as unknown[]).filter(isApiScope);
}

/** Makes a token; the returned secret is shown to the admin once and never again. */
export async function createApiToken(
  db: Kysely<Database>,
  secret: string,
  actor: StaffMember,
  input: NewTokenInput,
  now: Date,
  /** The site's zone: a date alone ends the token as that day begins there. */
  timeZone = 'UTC',
): Promise<{ id: number; token: string }> {
  mustManage(actor);
  const parsed = parseOrInvalid(
    newTokenSchema,
    input,
    'The token was not made. Please correct the marked fields.',
  );
  const staffId = parsed.staffId ? Number(parsed.staffId) : actor.id;
  const staff = (await listStaff(db)).find((s) => s.id === staffId);
  if (!staff || staff.disabledAt) {
    throw new Invalid('The token was not made.', { staffId: 'Choose an active staff member from the list.' });
  }
  const expiresAt = !parsed.expiresAt
    ? null
    : /^\d{4}-\d{2}-\d{2}$/.test(parsed.expiresAt)
      ? zonedTime(`${parsed.expiresAt}T00:00`, timeZone)
      : new Date(parsed.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new Invalid('The token was not made.', { expiresAt: 'Choose a date in the future.' });
  }
  const token = newApiToken();
  const id = await insertToken(db, {
    name: parsed.name,
    token_hash: apiTokenHash(secret, token),
    scopes: JSON.stringify([...new Set(parsed.scopes)]),
    staff_id: staffId,
    created_by: actor.id,
    created_at: now.toISOString(),
    expires_at: expiresAt?.toISOString() ?? null,
  });
  return { id, token };
}

export async function listApiTokens(db: Kysely<Database>, actor: StaffMember): Promise<ApiTokenSummary[]> {
  mustManage(actor);
  const [rows, staff] = await Promise.all([selectTokens(db), listStaff(db)]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: scopesOf(r.scopes),
    staff: names.has(r.staff_id) ? { id: r.staff_id, name: names.get(r.staff_id)! } : null,
    createdBy: r.created_by === null ? null : (names.get(r.created_by) ?? null),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revoked at once: the next request with it is refused (401). */
export async function revokeApiToken(db: Kysely<Database>, actor: StaffMember, id: number, now: Date) {
  mustManage(actor);
  if (!(await updateRevoked(db, id, actor.id, now.toISOString())))
    throw new NotFound('There is no such token, or it was already revoked.');
}
