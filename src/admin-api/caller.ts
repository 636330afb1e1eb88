// Who is calling the admin API: the token from the Authorization header, checked (known, not revoked, not
// expired, its staff member still active), and the staff member it acts as. A cookie is never read here.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { StaffMember } from '../admin/guardian.js';
import { selectStaffById } from '../admin/staff/queries.js';
import type { Actor } from '../editorial/editable.js';
import { Forbidden, Unauthorized } from '../http/errors.js';
import type { Database } from '../storage/schema.js';
import { selectTokenByHash, touchToken } from './queries.js';
import type { ApiScope } from './scopes.js';
import { SCOPE_LABELS } from './scopes.js';
import { apiTokenHash, plausibleApiToken } from './token-secret.js';
import { scopesOf } from './tokens.js';

// Writing last_used_at on every request would make each read a write; once a minute tells an admin enough.
const TOUCH_EVERY_MS = 60_000;

export interface ApiCaller {
  tokenId: number;
  tokenName: string;
  scopes: ApiScope[];
  /** The staff member the token acts as; every action is still theirs to be allowed (guardian.ts). */
  staff: StaffMember;
}

/** The caller as the editorial domain records them: the staff member, via the token's name. */
export function actorOf(caller: ApiCaller): Actor {
  return { ...caller.staff, via: caller.tokenName };
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match ? match[1]! : null;
}

export async function identifyCaller(
  db: Kysely<Database>,
  secret: string,
  request: FastifyRequest,
  now: Date,
): Promise<ApiCaller> {
  const token = bearerToken(request);
  if (!token) throw new Unauthorized('Send an admin API token as “Authorization: Bearer <token>”.');
  const row = plausibleApiToken(token) ? await selectTokenByHash(db, apiTokenHash(secret, token)) : undefined;
  if (!row) throw new Unauthorized('This API token is not recognised.');
  if (row.revoked_at) throw new Unauthorized('This API token has been revoked.');
  if (row.expires_at && Date.parse(row.expires_at) <= now.getTime())
    throw new Unauthorized('This API token has expired.');
  const staff = await selectStaffById(db, row.staff_id);
  if (!staff || staff.disabled_at)
    throw new Unauthorized('The staff account this API token acts as is disabled.');
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
    await touchToken(db, row.id, now.toISOString(), new Date(now.getTime() - TOUCH_EVERY_MS).toISOString());
  }
  return {
    tokenId: row.id,
    tokenName: row.name,
    scopes: scopesOf(row.scopes),
    staff: {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      authorId: staff.author_id,
    },
  };
}

/** The token must carry the route's scope; what the staff member may do is checked by the domain after. */
export function requireScope(caller: ApiCaller, scope: ApiScope): void {
  if (!caller.scopes.includes(scope)) {
    throw new Forbidden(
      `This API token does not have the “${scope}” scope (${SCOPE_LABELS[scope].toLowerCase()}).`,
    );
  }
}
