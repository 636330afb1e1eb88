// A real HTTP server for browser tests: the whole app on a fresh SQLite file with the demo newsroom.
import { seedDemoIfEmpty } from '../../demo/seed.js';
import { buildTestApp, type TestApp } from './app.js';
import { freePort } from './free-port.js';

export { freePort };

export interface RunningSite extends TestApp {
  url: string;
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
