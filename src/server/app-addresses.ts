// The addresses the app answers itself, for what writes content outside a running server (the import, so
// that no imported page takes `/search` or `/admin`): the app is built with the command's own settings, read
// for its routes as the page editor reads them (http/reserved-paths.ts), and closed, in a thread of its own
// (app-addresses-worker.ts) whose memory is given back when it ends. Nothing is served and no asset is
// needed: routes are the same without the built browser files.

import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import { type ReservedPaths, reservedPathsOf } from '../http/reserved-paths.js';
import type { AppAddressesRequest } from './app-addresses-worker.js';

export interface AppSettings {
  config: Config;
  secret: string;
}

// The worker is this folder's .js file once compiled. In tests and development it is the .ts file, which the
// thread loads through tsx's loader, registered first (a test runner's own transform does not reach a thread).
const extension = extname(fileURLToPath(import.meta.url));
const workerUrl = new URL(`./app-addresses-worker${extension}`, import.meta.url);
function startWorker(request: AppAddressesRequest): Worker {
  if (extension !== '.ts') return new Worker(workerUrl, { workerData: request });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(boot, { eval: true, workerData: request });
}

export function appReservedPaths({ config, secret }: AppSettings): Promise<ReservedPaths> {
  const request: AppAddressesRequest = { config, secret };
  return new Promise((resolve, reject) => {
    const worker = startWorker(request);
    worker.once('message', (answer: { names?: string[]; error?: string }) => {
      if (answer.names) resolve(reservedPathsOf(answer.names));
      else reject(new Error(`the app's addresses could not be read: ${answer.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the app's addresses could not be read (exit ${code})`)));
  });
}
