// Builds the whole app on a fresh database and media folder, the way main.ts does, for inject() tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppDeps, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Mailer, outboxMailer } from '../../src/mail/mailer.js';
import { type FileStore, LocalFileStore } from '../../src/media/file-store.js';
import { localContentEvents } from '../../src/storage/content-events.js';
import { type TestDatabase, type TestStorage, testDatabases } from './databases.js';

export const TEST_ORIGIN = 'http://127.0.0.1:3000';
/** Headers a browser sends with a same-site form post; inject() posts need them to pass the CSRF check. */
export const sameOrigin = { origin: TEST_ORIGIN } as const;

export interface TestApp extends Awaited<ReturnType<typeof buildApp>> {
  storage: TestStorage;
  files: FileStore;
  /** The folder the local file store writes into (a fresh temporary folder; unused with `files` given). */
  mediaDir: string;
  deps: AppDeps;
  close(): Promise<void>;
}

export async function buildTestApp(
  options: {
    database?: TestDatabase;
    env?: Record<string, string>;
    mailer?: Mailer;
    clock?: () => Date;
    resolveHost?: AppDeps['resolveHost'];
    /** Receives the app's log lines (set LOG_LEVEL in env too: tests log nothing by default). */
    logStream?: AppDeps['logStream'];
    /** Another media store (a bucket); the local one in a temporary folder when not given. */
    files?: FileStore;
    /** The content events (durable ones, say); one process's own emitter when not given. */
    events?: (storage: TestStorage) => Promise<AppDeps['events']>;
  } = {},
): Promise<TestApp> {
  const storage = await (options.database ?? testDatabases[0]!).open();
  const mediaDir = await mkdtemp(join(tmpdir(), 'broadsheet-media-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    PUBLIC_URL: TEST_ORIGIN,
    ...options.env,
  });
  const files = options.files ?? new LocalFileStore(mediaDir);
  const deps: AppDeps = {
    config,
    storage,
    files,
    events: options.events ? await options.events(storage) : localContentEvents(),
    mailer: options.mailer ?? outboxMailer(storage.db, { from: config.mailFrom }),
    secret: 'test-secret-test-secret-test-secret-0123',
    clock: options.clock,
    resolveHost: options.resolveHost,
    logStream: options.logStream,
  };
  const built = await buildApp(deps);
  return {
    ...built,
    storage,
    files,
    mediaDir,
    deps,
    async close() {
      await built.app.close();
      await storage.cleanup();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}
