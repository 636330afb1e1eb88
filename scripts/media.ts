// Moves the media library between the local folder and the bucket, for switching MEDIA_STORAGE either way:
//   npm run media -- push    copies MEDIA_DIR into the bucket MEDIA_STORAGE names
//   npm run media -- pull    copies the bucket back into MEDIA_DIR
// Files already there with the same size are skipped, so the command can be run again after an interruption
// and finishes what is left. Nothing is deleted from either side.
import 'dotenv/config';
import { ConfigError, loadConfig } from '../src/config.js';
import { CopyInterrupted, type CopyReport, copyMedia } from '../src/media/copy-media.js';
import { type FileStore, LocalFileStore } from '../src/media/file-store.js';
import { describeFileStore, openFileStore } from '../src/media/open-file-store.js';

const USAGE = `Usage:
  npm run media -- push    copy the media folder (MEDIA_DIR) into the bucket (MEDIA_STORAGE=s3://bucket/prefix)
  npm run media -- pull    copy the bucket back into the media folder
Files already there with the same size are skipped: run it again to finish an interrupted copy.`;

class UsageError extends Error {}

const MB = 1024 * 1024;

function summary(report: CopyReport): string {
  const size =
    report.bytesCopied >= MB ? `${(report.bytesCopied / MB).toFixed(1)} MB` : `${report.bytesCopied} bytes`;
  return `${report.copied} copied (${size}), ${report.skipped} already there, ${report.failed.length} failed`;
}

async function main(): Promise<number> {
  const command = process.argv[2];
  if (command !== 'push' && command !== 'pull') throw new UsageError(USAGE);
  const config = loadConfig(process.env);
  if (config.mediaStorage.kind !== 's3') {
    throw new UsageError(`MEDIA_STORAGE is not set to a bucket (s3://bucket/prefix).\n\n${USAGE}`);
  }
  const folder = new LocalFileStore(config.mediaDir);
  const bucket = await openFileStore(config.mediaStorage);
  const [from, to]: [FileStore, FileStore] = command === 'push' ? [folder, bucket] : [bucket, folder];
  const names = {
    folder: describeFileStore({ kind: 'local', dir: config.mediaDir }),
    bucket: describeFileStore(config.mediaStorage),
  };
  const [fromName, toName] = command === 'push' ? [names.folder, names.bucket] : [names.bucket, names.folder];
  process.stdout.write(`Copying media from ${fromName} to ${toName}…\n`);
  try {
    const report = await copyMedia(from, to);
    for (const failure of report.failed) process.stderr.write(`media: ${failure.key}: ${failure.reason}\n`);
    process.stdout.write(`Done: ${summary(report)}.\n`);
    return report.failed.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof CopyInterrupted)) throw error;
    process.stderr.write(
      `media: stopped: ${error.message}\nBefore stopping: ${summary(error.report)}. Run the command again to copy the rest.\n`,
    );
    return 1;
  } finally {
    await bucket.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError;
    process.stderr.write(
      `media: ${known || error instanceof Error ? (error as Error).message : String(error)}\n`,
    );
    process.exit(known ? 2 : 1);
  },
);
