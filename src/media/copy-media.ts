// Copies every media file from one store to another (a folder into a bucket, or back): what the media
// command runs. Resumable by construction: a file already there with the same size is skipped, and each write
// is whole or absent (the folder writes aside and renames; S3 stores a whole object or none), so a copy cut
// off at any point is finished by running it again.
import { type FileStore, type ListedFile, MediaStorageFailed } from './file-store.js';
import { contentTypeOf } from './image-formats.js';

export interface CopyReport {
  copied: number;
  /** Already in the target with the same size. */
  skipped: number;
  bytesCopied: number;
  /** Files that could not be copied, by key with the reason; the rest of the copy went on. */
  failed: { key: string; reason: string }[];
}

export interface CopyOptions {
  /** Files copied at once; 4 by default. */
  concurrency?: number;
  /** Told of each file as it is decided, for progress lines (and for tests to interrupt a copy). */
  onFile?: (key: string, outcome: 'copied' | 'skipped' | 'failed') => void | Promise<void>;
}

/**
 * The copy stopped because one of the stores failed as a whole (unreachable, full, refusing the keys): going
 * on would only fail every file. Carries what was done before it stopped, so the command can say so and how
 * to continue.
 */
export class CopyInterrupted extends Error {
  override name = 'CopyInterrupted';
  constructor(
    readonly report: CopyReport,
    readonly failure: MediaStorageFailed,
  ) {
    // The cause alone: "nothing was saved" is true of the file that failed, not of the copy.
    super(failure.problem);
  }
}

/** Copies what `from` holds and `to` lacks (or holds at another size); never deletes from either. */
export async function copyMedia(
  from: FileStore,
  to: FileStore,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const report: CopyReport = { copied: 0, skipped: 0, bytesCopied: 0, failed: [] };
  const copyOne = async (file: ListedFile, there: Map<string, number>): Promise<void> => {
    const contentType = contentTypeOf(file.key);
    // Only the formats the library writes: anything else in a folder or bucket is not a media file.
    if (!contentType) return;
    if (there.get(file.key) === file.size) {
      report.skipped++;
      return options.onFile?.(file.key, 'skipped');
    }
    const data = await from.get(file.key);
    // Removed from the source since it was listed: nothing to copy.
    if (!data) return;
    try {
      await to.put(file.key, data, contentType);
    } catch (error) {
      // A store that cannot be reached, is full or refuses the keys fails every file alike: stop at once.
      if (error instanceof MediaStorageFailed) throw error;
      report.failed.push({ key: file.key, reason: error instanceof Error ? error.message : String(error) });
      return options.onFile?.(file.key, 'failed');
    }
    report.copied++;
    report.bytesCopied += data.length;
    return options.onFile?.(file.key, 'copied');
  };

  const stops: unknown[] = [];
  try {
    // One listing of the target rather than a request per file: a library of 10,000 images is 120,000 files.
    const there = new Map<string, number>();
    for await (const file of to.list()) there.set(file.key, file.size);
    // A few files at once: each copy to or from a bucket waits mostly on the network. The workers share one
    // listing (an async generator hands each call of next() the next file), and all of them stop at the
    // first failure, so that the report, once returned or thrown, counts every file that was written.
    const files = from.list()[Symbol.asyncIterator]();
    const worker = async () => {
      try {
        while (stops.length === 0) {
          const next = await files.next();
          if (next.done) return;
          await copyOne(next.value, there);
        }
      } catch (error) {
        stops.push(error);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  } catch (error) {
    stops.push(error);
  }
  const [stop] = stops;
  if (stop instanceof MediaStorageFailed) throw new CopyInterrupted(report, stop);
  if (stop !== undefined) throw stop;
  return report;
}
