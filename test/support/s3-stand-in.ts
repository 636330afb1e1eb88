// A local server speaking the S3 protocol (s3rver, in a process of its own: s3rver-process.mjs) on a free port
// with a temporary folder, for tests of the bucket store: it can be stopped (the bucket unreachable) and
// started again on the same port and folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaStorageConfig } from '../../src/config.js';
import { type S3FileStore, s3FileStore } from '../../src/media/s3-file-store.js';

export const STAND_IN_BUCKET = 'newsroom-media';
// s3rver checks signatures made with these keys.
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3StandIn {
  endpoint: string;
  /** The environment that points the app at this bucket (MEDIA_STORAGE and the S3_* settings). */
  env(prefix?: string): Record<string, string>;
  settings(prefix?: string): Extract<MediaStorageConfig, { kind: 's3' }>;
  /** A store on the bucket, closed with the stand-in. */
  store(prefix?: string): S3FileStore;
  /** The bucket's keys under the prefix, sorted, read through a store of its own. */
  keys(prefix?: string): Promise<string[]>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const SERVER_SCRIPT = join(import.meta.dirname, 's3rver-process.mjs');

/** Starts the stand-in's process; resolves with it and the port it listens on. */
async function spawnServer(directory: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', SERVER_SCRIPT, directory, String(port), STAND_IN_BUCKET],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const listening = new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}) before listening`)));
  });
  return { child, port: await listening };
}

export async function startS3StandIn(): Promise<S3StandIn> {
  const directory = await mkdtemp(join(tmpdir(), 'broadsheet-s3rver-'));
  let { child: server, port } = await spawnServer(directory, 0);
  let running = true;
  const endpoint = `http://127.0.0.1:${port}`;
  const stores: S3FileStore[] = [];
  const settings = (prefix = ''): Extract<MediaStorageConfig, { kind: 's3' }> => ({
    kind: 's3',
    bucket: STAND_IN_BUCKET,
    prefix,
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: KEYS,
  });
  const store = (prefix = '') => {
    const made = s3FileStore(settings(prefix));
    stores.push(made);
    return made;
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await exited;
  };
  return {
    endpoint,
    settings,
    store,
    env: (prefix = '') => ({
      MEDIA_STORAGE: `s3://${STAND_IN_BUCKET}${prefix ? `/${prefix}` : ''}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    }),
    async keys(prefix = '') {
      const reader = s3FileStore(settings(prefix));
      const keys: string[] = [];
      try {
        for await (const file of reader.list()) keys.push(file.key);
      } finally {
        await reader.close();
      }
      return keys.sort();
    },
    stop,
    async start() {
      if (running) return;
      ({ child: server, port } = await spawnServer(directory, port));
      running = true;
    },
    async close() {
      for (const s of stores) await s.close();
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
