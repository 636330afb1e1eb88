// What proving an admin API request costs: identifying a token (keyed hash, its row, its staff member; the
// last-used write at most once a minute) beside finding a newsroom session from its cookie, on one SQLite
// file. Prints the microseconds each took, medians of five interleaved rounds. `npx tsx bench/admin-api-auth.ts`
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { createSession, findSession } from '../src/admin/auth/sessions.js';
import { createStaffMember } from '../src/admin/staff/staff.js';
import { identifyCaller } from '../src/admin-api/caller.js';
import { createApiToken } from '../src/admin-api/tokens.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { openSqlite } from '../src/storage/sqlite.js';

const CALLS = 10_000;
const SECRET = 'bench-secret-bench-secret-bench-secret-01';
const dir = await mkdtemp(join(tmpdir(), 'broadsheet-api-auth-'));
const db = openSqlite(join(dir, 'bench.db'));
await migrateToLatest(db);
const now = new Date();
const admin = await createStaffMember(
  db,
  { email: 'admin@example.org', name: 'Admin', role: 'admin', password: 'correct horse battery staple' },
  now,
);
const { token } = await createApiToken(
  db,
  SECRET,
  admin,
  { name: 'Bench', scopes: ['articles:read'], staffId: '', expiresAt: '' },
  now,
);
// A hundred other tokens and sessions, so the lookups go through an index with something in it.
for (let i = 0; i < 100; i++) {
  await createApiToken(
    db,
    SECRET,
    admin,
    { name: `t${i}`, scopes: ['articles:read'], staffId: '', expiresAt: '' },
    now,
  );
  await createSession(db, admin.id, now, 'bench');
}
const session = await createSession(db, admin.id, now, 'bench');
const request = { headers: { authorization: `Bearer ${token}` } } as FastifyRequest;

async function round(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await run();
  return ((performance.now() - started) * 1000) / CALLS;
}

const results: Record<string, number[]> = { 'API token': [], 'session cookie': [] };
for (let r = 0; r < 5; r++) {
  results['API token']!.push(await round(() => identifyCaller(db, SECRET, request, now)));
  results['session cookie']!.push(await round(() => findSession(db, session.token, now)));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, xs] of Object.entries(results))
  console.log(`${name.padEnd(16)} ${median(xs).toFixed(1)} µs to identify a request`);
await db.destroy();
await rm(dir, { recursive: true, force: true });
