// A consistent backup of the database and every media file, in one .tar.gz, while the server keeps running:
//   npm run backup                      (./broadsheet-backup-<time>.tar.gz)
//   npm run backup -- --out /backups/site.tar.gz
import 'dotenv/config';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError } from '../src/backup/backup-error.js';
import { createBackup, defaultBackupName } from '../src/backup/create-backup.js';
import { existingAppSecret } from '../src/backup/installation-secret.js';
import { runBackupCommand } from '../src/backup/run-backup-command.js';
import { loadConfig } from '../src/config.js';
import { LocalFileStore } from '../src/media/file-store.js';

const USAGE = 'Usage: npm run backup -- [--out <file.tar.gz>]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length > 0) throw new BackupError(`Unexpected ${positionals[0]}.\n${USAGE}`);
  const config = loadConfig(process.env);
  const now = new Date();
  const file = resolve(values.out ?? defaultBackupName(now));
  const result = await createBackup({
    databaseUrl: config.databaseUrl,
    store: new LocalFileStore(config.mediaDir),
    file,
    now,
    appSecret: await existingAppSecret(config.appSecret),
  });
  const rows = Object.values(result.manifest.tables).reduce((sum, t) => sum + t.rows, 0);
  const bytes = result.manifest.media.reduce((sum, f) => sum + f.bytes, 0);
  process.stdout.write(
    `Backed up ${rows} rows in ${Object.keys(result.manifest.tables).length} tables and ${result.manifest.media.length} media files (${(bytes / 1e6).toFixed(1)} MB) to ${result.file}\n`,
  );
  if (result.missingMedia.length > 0) {
    process.stderr.write(
      `backup: warning: ${result.missingMedia.length} media files named in the database were not in the store, so are not in the backup: ${result.missingMedia.slice(0, 5).join(', ')}${result.missingMedia.length > 5 ? ', …' : ''}\n`,
    );
  }
  return 0;
}

runBackupCommand('backup', main);
