// `kill -9` in the middle of a comment flood, on both databases: the compiled server runs as a process of
// its own, readers post comments over real HTTP, the process is killed without warning, and a new one on the
// same database must hold every comment the first one answered as accepted, and serve again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSettings } from './support/comments.js';
import { type CompiledServer, startCompiledServer, stopCompiledServer } from './support/compiled-process.js';
import { ensureCompiledServer } from './support/compiled-server.js';
import { addArticle } from './support/content.js';
import { testDatabases } from './support/databases.js';
import { freePort } from './support/server.js';

const SLUG = 'council-votes-on-the-bridge';
/** Posts in flight at once: enough to have writes under way when the signal lands. */
const CONCURRENCY = 16;
/** Accepted comments before the kill, and posts sent to the server started again. */
const BEFORE_KILL = 250;
const AFTER_RESTART = 100;

type Server = CompiledServer;

// Every post comes from another reader's address, as the one proxy in front says: the comment rate limits
// (6 a minute per network) hold each reader, not the test.
const startServer = (cwd: string, port: number, databaseUrl: string) =>
  startCompiledServer(cwd, port, databaseUrl, { TRUST_PROXY: '127.0.0.1' });
const killHard = (server: Server) => stopCompiledServer(server, 'SIGKILL');

interface Posted {
  text: string;
  /** The id the server answered with, when it answered 201 or 202. */
  id: number | null;
  status: number | 'dropped';
}

async function formToken(server: Server): Promise<string> {
  const response = await fetch(`${server.url}/articles/${SLUG}/comments/form-token`, {
    headers: { accept: 'application/json' },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** One reader's comment, as the form island posts it: JSON back, from the reader's own address. */
async function postOne(server: Server, token: string, n: number, round: string): Promise<Posted> {
  const text = `Comment ${round}-${n}: the bridge vote needs a second look (${Math.random().toString(36).slice(2)}).`;
  const body = new URLSearchParams({
    comment: text,
    name: `Reader ${round} ${n}`,
    email: `reader-${round}-${n}@example.org`,
    url: '',
    parent: '',
    t: token,
    comment_title: '',
  });
  try {
    const response = await fetch(`${server.url}/articles/${SLUG}/comments`, {
      method: 'POST',
      headers: {
        origin: server.url,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': `198.18.${(round === 'a' ? 0 : 100) + Math.floor(n / 250)}.${(n % 250) + 1}`,
      },
      body,
    });
    const answer = (await response.json()) as { id?: number };
    const accepted = response.status === 201 || response.status === 202;
    return { text, id: accepted ? answer.id! : null, status: response.status };
  } catch {
    // The connection died with the process: the reader saw no answer, so nothing was promised.
    return { text, id: null, status: 'dropped' };
  }
}

/**
 * Posts with CONCURRENCY in flight until `stopAfterAccepted` were accepted (then calls `onEnough` once and
 * sends no more) or `total` were sent.
 */
async function flood(
  server: Server,
  token: string,
  round: string,
  total: number,
  stopAfterAccepted = Number.POSITIVE_INFINITY,
  onEnough: () => void = () => {},
): Promise<Posted[]> {
  const results: Posted[] = [];
  let next = 0;
  let accepted = 0;
  let enough = false;
  async function lane() {
    while (!enough && next < total) {
      const posted = await postOne(server, token, next++, round);
      results.push(posted);
      if (posted.id !== null) accepted++;
      if (!enough && accepted >= stopAfterAccepted) {
        enough = true;
        onEnough();
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return results;
}

describe('kill -9 during a comment flood', () => {
  beforeAll(async () => {
    // The test starts the compiled server; built here when the sources are newer than dist/.
    await ensureCompiledServer();
  }, 180_000);

  describe.each(testDatabases)('on $name', (database) => {
    let storage: Awaited<ReturnType<typeof database.open>>;
    let dir: string;
    let servers: Server[] = [];

    beforeAll(async () => {
      storage = await database.open();
      dir = await mkdtemp(join(tmpdir(), 'broadsheet-kill-'));
      await addArticle(storage.db, { slug: SLUG });
      // Every comment is published at once, and may be sent as soon as the form shows.
      await setSettings(storage.db, { mode: 'approve_all', minSecondsBeforePosting: 0 });
    });
    afterAll(async () => {
      for (const server of servers) await killHard(server);
      await storage.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('keeps every comment it accepted, and a new process on the same database serves again', async () => {
      const port = await freePort();
      const first = await startServer(dir, port, storage.url!);
      servers = [first];
      const token = await formToken(first);

      let killed: Promise<void> | undefined;
      const before = await flood(first, token, 'a', 1000, BEFORE_KILL, () => {
        killed = killHard(first);
      });
      await killed;
      expect(first.child.signalCode).toBe('SIGKILL');

      const acceptedBefore = before.filter((p) => p.id !== null);
      const unanswered = before.filter((p) => p.status === 'dropped');
      expect(acceptedBefore.length).toBeGreaterThanOrEqual(BEFORE_KILL);
      // The signal landed mid-load: posts were in flight and lost their connection.
      expect(unanswered.length).toBeGreaterThan(0);
      // Nothing but acceptances and dropped connections: no post was refused while the server ran.
      expect(before.filter((p) => p.id === null && p.status !== 'dropped')).toEqual([]);

      const second = await startServer(dir, port, storage.url!);
      servers.push(second);
      const after = await flood(second, await formToken(second), 'b', AFTER_RESTART);
      expect(after.map((p) => p.status).filter((s) => s !== 201)).toEqual([]);

      const rows = await storage.db.selectFrom('comments').select(['id', 'body', 'status']).execute();
      const stored = new Map(rows.map((r) => [r.id, r]));
      const accepted = [...acceptedBefore, ...after];
      const lost = accepted.filter((p) => stored.get(p.id!)?.body !== p.text);
      expect(lost).toEqual([]);
      expect(rows.every((r) => r.status === 'approved')).toBe(true);
      // Beyond the accepted ones, at most the posts whose answer the kill cut off may have been stored.
      expect(rows.length - accepted.length).toBeGreaterThanOrEqual(0);
      expect(rows.length - accepted.length).toBeLessThanOrEqual(unanswered.length);

      // The new process renders the article with every stored comment counted.
      const page = await fetch(`${second.url}/articles/${SLUG}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<a href="#comments">${rows.length} comments</a>`);
    }, 60_000);
  });
});
