// Brings a backup made by `npm run backup` into an empty installation (DATABASE_URL and MEDIA_DIR as the
// server will use them); stop the server first, and set SEED_DEMO=false if it has started once before:
//   npm run restore -- broadsheet-backup-2026-12-04T18-00-00Z.tar.gz
import 'dotenv/config';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError } from '../src/backup/backup-error.js';
import { existingAppSecret } from '../src/backup/installation-secret.js';
import { restoreBackup } from '../src/backup/restore-backup.js';
import { runBackupCommand } from '../src/backup/run-backup-command.js';
import { loadConfig } from '../src/config.js';
import { LocalFileStore } from '../src/media/file-store.js';

const USAGE = 'Usage: npm run restore -- <backup.tar.gz>';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new BackupError(USAGE);
  const config = loadConfig(process.env);
  const result = await restoreBackup({
    databaseUrl: config.databaseUrl,
    store: new LocalFileStore(config.mediaDir),
    file: resolve(positionals[0]!),
    appSecret: await existingAppSecret(config.appSecret),
  });
  const { manifest } = result;
  const counted = Object.entries(result.rows)
    .filter(([, rows]) => rows > 0)
    .map(([table, rows]) => `${table} ${rows}`)
    .join(', ');
  process.stdout.write(
    `Restored the backup of ${manifest.createdAt} (Broadsheet ${manifest.broadsheetVersion}, schema ${manifest.migrations.at(-1)}): ${result.mediaFiles} media files; rows: ${counted || 'none'}\n`,
  );
  if (result.sameSecret === false) {
    process.stderr.write(
      'restore: warning: this installation does not have the app secret the backup was made with, so comment bans, sign-in limits and links already emailed (unsubscribe, donor pages) will not match. Set APP_SECRET, or copy data/.app-secret, from the old installation before the server starts.\n',
    );
  }
  return 0;
}

runBackupCommand('restore', main);
