// The import run as the server's job runs it: runImport with the readers of both systems, the body
// converters and the app's own file store and content events. Images are fetched only when the person who
// started the import asked for it, and then only from public addresses, even from the address they typed:
// the server fetches on a web form's word here, not on the command line of whoever runs it.
import type { Kysely } from 'kysely';
import type { ResolveHost } from '../../http/checked-lookup.js';
import type { ReservedPaths } from '../../http/reserved-paths.js';
import type { FileStore } from '../../media/file-store.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { bodyConversion } from '../body-conversion.js';
import { type FetchFile, mediaFetcher } from '../media-fetch.js';
import { runImport } from '../run-import.js';
import { sourceReaders } from '../source-readers.js';
import type { RunImport } from './import-job-runner.js';

export interface ServerImportDeps {
  db: Kysely<Database>;
  files: FileStore;
  events: ContentEvents;
  secret: string;
  clock: () => Date;
  maxImagePixels?: number;
  resolveHost?: ResolveHost;
  /** The addresses the app answers itself: an imported page never takes one (plan-posts.ts). */
  reservedPaths?: ReservedPaths;
}

const NOT_FETCHED: FetchFile = async () => {
  throw new Error('not fetched: “Fetch images from the old site” was not ticked');
};

export function serverImportRun(deps: ServerImportDeps): RunImport {
  const fetchChecked = mediaFetcher({ resolveHost: deps.resolveHost });
  return (options, onProgress, job) =>
    runImport(
      {
        db: deps.db,
        files: deps.files,
        events: deps.events,
        secret: deps.secret,
        readers: sourceReaders,
        fetchFile: job.fetchMedia ? (url) => fetchChecked(url, false) : NOT_FETCHED,
        bodies: bodyConversion,
        clock: deps.clock,
        maxImagePixels: deps.maxImagePixels,
        reservedPaths: deps.reservedPaths,
      },
      options,
      onProgress,
    );
}
