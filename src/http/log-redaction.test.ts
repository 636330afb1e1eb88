// What reaches the log when a request fails: JSON lines with the request id the reader was shown, the
// request by its method and route pattern, and nothing secret or personal, although the request carried a
// session cookie, an Authorization header, a token and an email address in its query string, and the error
// itself (as a mail or HTTP library's would) quotes an address, a URL with a token, and has fields named
// email, password and token, at its top, in its cause and in a request config.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { addArticle } from '../../test/support/content.js';
import { freePort } from '../../test/support/free-port.js';
import { eventually } from '../../test/support/outage.js';
import { running, runServer } from '../../test/support/server-process.js';
import { CENSOR, scrub } from './log-redaction.js';

const SECRETS = [
  'cookie-secret-value',
  'header-secret-value',
  'query-secret-value',
  'reader@example.org',
  'hunter2-password',
  'field-token-value',
  'sk_live_config_secret',
  'url-token-value',
  'cause@example.net',
  'path-token-value',
];

const carrying = {
  cookie: 'broadsheet_session=cookie-secret-value; other=1',
  authorization: 'Bearer header-secret-value',
};

function libraryError(): Error {
  return Object.assign(
    new Error(
      'could not deliver to reader@example.org through https://mail.example/send?token=url-token-value&retry=1',
    ),
    {
      email: 'reader@example.org',
      password: 'hunter2-password',
      token: 'field-token-value',
      config: {
        url: 'https://api.example/v1?key=url-token-value',
        headers: { authorization: 'sk_live_config_secret' },
      },
      cause: { email: 'cause@example.net', message: 'mailbox of cause@example.net is full' },
    },
  );
}

describe('log lines of a failed request', () => {
  let t: TestApp | undefined;
  const lines: string[] = [];
  afterEach(async () => {
    await t?.close();
    t = undefined;
    lines.length = 0;
  });

  async function app() {
    t = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream: { write: (line) => lines.push(line) } });
    return t;
  }

  function logged() {
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join('');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('an error quoting secrets, on a request carrying them: the id and route stay, the secrets do not', async () => {
    const { app: server } = await app();
    server.get('/test/fails/:token', async () => {
      throw libraryError();
    });
    const response = await server.inject({
      url: '/test/fails/path-token-value?token=query-secret-value&email=reader%40example.org',
      headers: carrying,
    });
    expect(response.statusCode).toBe(500);

    const [line] = logged().filter((l) => l.msg === 'request failed');
    expect(line).toBeDefined();
    expect(line!.level).toBe(50);
    // The id the reader was told to quote, and what was asked for, by its pattern.
    expect(response.body).toContain(String(line!.reqId));
    expect(line!.req).toEqual({ method: 'GET', route: '/test/fails/:token' });
    const err = line!.err as Record<string, unknown>;
    // pino joins the cause's message to the error's.
    expect(err.message).toBe(
      `could not deliver to [email] through https://mail.example/send?token=${CENSOR}&retry=${CENSOR}` +
        ' mailbox of [email] is full',
    );
    expect(err.email).toBe(CENSOR);
    expect(err.password).toBe(CENSOR);
    expect(err.token).toBe(CENSOR);
    expect((err.config as { headers: { authorization: string } }).headers.authorization).toBe(CENSOR);
  });

  it('a real route failing on the database, with the same request data', async () => {
    const { storage } = await app();
    await addArticle(storage.db, { slug: 'a-story' });
    await sql`drop table article_authors`.execute(storage.db);
    const response = await t!.app.inject({
      url: '/articles/a-story?token=query-secret-value&email=reader%40example.org',
      headers: carrying,
    });
    expect(response.statusCode).toBe(500);
    const [line] = logged().filter((l) => l.msg === 'request failed');
    expect(line!.req).toEqual({ method: 'GET', route: '/articles/:slug' });
    expect(String((line!.err as { message: string }).message)).toContain('article_authors');
  });

  it('a logged request object: its headers are censored and its query is not kept', async () => {
    const { app: server } = await app();
    server.get('/test/logs', async (request) => {
      request.log.warn(
        { req: request, headers: request.headers, user: { email: 'reader@example.org' } },
        'noted',
      );
      return 'ok';
    });
    await server.inject({ url: '/test/logs?token=query-secret-value', headers: carrying });
    const [line] = logged().filter((l) => l.msg === 'noted');
    expect(line!.req).toEqual({ method: 'GET', route: '/test/logs' });
    expect(line!.headers).toMatchObject({ cookie: CENSOR, authorization: CENSOR });
    expect(line!.user).toEqual({ email: CENSOR });
  });
});

describe('scrub', () => {
  it('masks addresses and query values, and leaves the rest', () => {
    expect(scrub('GET /comments/my-data?token=abc.def&x=1 for a.b+c@mail.example.co.uk failed')).toBe(
      `GET /comments/my-data?token=${CENSOR}&x=${CENSOR} for [email] failed`,
    );
    expect(scrub('connect ECONNREFUSED 127.0.0.1:6379')).toBe('connect ECONNREFUSED 127.0.0.1:6379');
  });
});

describe('in development', () => {
  it('the server still logs readable lines (pino-pretty), not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-pretty-'));
    const port = await freePort();
    const server = runServer({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, 'site.sqlite')}`,
      MEDIA_DIR: join(dir, 'media'),
      // Nothing listens there: /readyz logs a warning.
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    try {
      await running(server);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      await eventually(() => expect(server.output()).toContain('not ready: redis'), 10_000);
      const line = server
        .output()
        .split('\n')
        .find((l) => l.includes('not ready: redis'))!;
      expect(line).toContain('WARN');
      expect(line.trimStart().startsWith('{')).toBe(false);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
