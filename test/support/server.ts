// A real HTTP server for browser tests: the whole app on a fresh SQLite file with the demo newsroom.
import { createServer } from 'node:net';
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { buildTestApp, type TestApp } from './app.js';

export interface RunningSite extends TestApp {
  url: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startDemoSite(options: Parameters<typeof buildTestApp>[0] = {}): Promise<RunningSite> {
  // The public URL must be the address the browser uses, for canonical links and the CSRF origin check.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const site = await buildTestApp({ ...options, env: { PUBLIC_URL: url, ...options.env } });
  await seedDemoIfEmpty(site.storage.db, site.files, new Date());
  await site.app.listen({ host: '127.0.0.1', port });
  return { ...site, url };
}
