// With WEB_CONCURRENCY=2, a scrape of /metrics on the shared port describes both workers, whichever one
// answers it: the server runs as a real process (primary and two workers) on an SQLite file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/free-port.js';
import { running, runServer, type ServerProcess } from '../../test/support/server-process.js';

const TOKEN = 'cluster-metrics-token-0123';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics with two worker processes', () => {
  let dir: string;
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-cluster-'));
    const port = await freePort();
    server = runServer({
      WEB_CONCURRENCY: '2',
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, 'site.sqlite')}`,
      MEDIA_DIR: join(dir, 'media'),
      METRICS_TOKEN: TOKEN,
    });
    await running(server);
    base = `http://127.0.0.1:${port}`;
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sums the requests every worker answered, whichever worker is scraped', async () => {
    // Each request on a new connection: the primary hands connections to the workers in turn (round-robin,
    // node's default on Linux), so each worker answers about half, and one worker alone would count 20.
    const requests = 40;
    for (let i = 0; i < requests; i++) {
      const response = await fetch(`${base}/healthz`, { headers: { connection: 'close' } });
      expect(response.status).toBe(200);
    }
    const series =
      'broadsheet_http_request_duration_seconds_count{route="/healthz",method="GET",status_class="2xx"}';
    for (let scrape = 0; scrape < 4; scrape++) {
      const response = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}`, connection: 'close' },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(sample(text, series)).toBe(requests);
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    }
    const refused = await fetch(`${base}/metrics`, { headers: { connection: 'close' } });
    expect(refused.status).toBe(401);
  }, 60_000);
});
