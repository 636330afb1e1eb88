// The thread app-addresses.ts starts: builds the app with the command's settings, reads the first segment of
// every route it registers, sends them back and ends. Its heap goes with it: an import of a large export
// runs beside it for minutes, and would otherwise keep the whole app's objects for nothing.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { outboxMailer } from '../mail/mailer.js';
import { openFileStore } from '../media/open-file-store.js';
import { localContentEvents } from '../storage/content-events.js';
import { openStorage } from '../storage/db.js';

export interface AppAddressesRequest {
  config: Config;
  secret: string;
}

async function appRootSegments({ config, secret }: AppAddressesRequest): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-routes-'));
  const storage = openStorage(config.databaseUrl);
  try {
    await mkdir(join(dir, 'assets'));
    const { app, reservedPaths } = await buildApp({
      config,
      storage,
      files: await openFileStore(config.mediaStorage),
      // Nothing is served, so nothing changes that another instance must hear of.
      events: localContentEvents(),
      secret,
      // No mail is sent: the app is closed before it answers anything.
      mailer: outboxMailer(storage.db, { from: config.mailFrom }),
      assets: { dir, path: (name) => `/assets/${name}` },
    });
    try {
      // Every plugin registered: every route seen.
      await app.ready();
      return reservedPaths.names();
    } finally {
      await app.close();
    }
  } finally {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  }
}

appRootSegments(workerData as AppAddressesRequest).then(
  (names) => parentPort?.postMessage({ names }),
  (error: unknown) =>
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
