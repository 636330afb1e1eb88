// The addresses the app answers itself, for a command that writes content outside a running server (the
// import, so that no imported page takes `/search` or `/admin`): the app is built with the command's own
// settings, read for its routes as the page editor reads them (http/reserved-paths.ts), and closed. Nothing
// is served and no asset is needed: routes are the same without the built browser files.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import type { ReservedPaths } from '../http/reserved-paths.js';
import { outboxMailer } from '../mail/mailer.js';
import type { FileStore } from '../media/file-store.js';
import type { ContentEvents } from '../storage/content-events.js';
import type { Storage } from '../storage/db.js';

export interface AppSettings {
  config: Config;
  storage: Storage;
  files: FileStore;
  events: ContentEvents;
  secret: string;
}

export async function appReservedPaths(settings: AppSettings): Promise<ReservedPaths> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-routes-'));
  try {
    await mkdir(join(dir, 'assets'));
    const { app, reservedPaths } = await buildApp({
      ...settings,
      // No mail is sent: the app is closed before it answers anything.
      mailer: outboxMailer(settings.storage.db, { from: settings.config.mailFrom }),
      assets: { dir, path: (name) => `/assets/${name}` },
    });
    try {
      // Every plugin registered: every route seen (the set outlives the closed app).
      await app.ready();
      return reservedPaths;
    } finally {
      await app.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
