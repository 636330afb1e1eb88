// The media store the settings name: the local folder, or a bucket. The AWS SDK is imported only for a bucket,
// so a server on a local folder starts without loading it (test/architecture/module-graph.test.ts).
import type { MediaStorageConfig } from '../config.js';
import { type FileStore, LocalFileStore } from './file-store.js';

export async function openFileStore(storage: MediaStorageConfig): Promise<FileStore> {
  if (storage.kind === 'local') return new LocalFileStore(storage.dir);
  const { s3FileStore } = await import('./s3-file-store.js');
  return s3FileStore(storage);
}

/** How logs and the media command name the store, without a key or a secret. */
export function describeFileStore(storage: MediaStorageConfig): string {
  if (storage.kind === 'local') return `the folder ${storage.dir}`;
  const where = storage.endpoint ? ` at ${new URL(storage.endpoint).origin}` : '';
  return `s3://${storage.bucket}${storage.prefix ? `/${storage.prefix}` : ''}${where}`;
}
