// Loads a Broadsheet export (npm run export) into this installation, which must be empty of content:
//   npm run import:archive -- ./site-export.tar.gz [--dry-run]
// The whole archive is checked before anything is written; any problem stops it with nothing written.
import 'dotenv/config';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { existingAppSecret } from '../src/backup/installation-secret.js';
import { loadConfig } from '../src/config.js';
import { importArchive } from '../src/export/archive-import.js';
import { ExportError } from '../src/export/export-error.js';
import { runExportCommand } from '../src/export/run-export-command.js';
import { openFileStore } from '../src/media/open-file-store.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';

const USAGE = 'Usage: npm run import:archive -- <site-export.tar.gz> [--dry-run]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new ExportError(`Name the archive to import.\n${USAGE}`);
  const config = loadConfig(process.env);
  const secret = await existingAppSecret(config.appSecret);
  if (!secret)
    throw new ExportError(
      'This installation has no secret yet (APP_SECRET, or the one the server makes on its first start); start it once, then import.',
    );
  const storage = openStorage(config.databaseUrl);
  const store = await openFileStore(config.mediaStorage);
  try {
    await migrateToLatest(storage.db);
    const report = await importArchive({ db: storage.db, store, secret }, resolve(positionals[0]!), {
      dryRun: values['dry-run'] ?? false,
    });
    const counts = Object.entries(report.counts)
      .map(([kind, c]) => `${c.imported} ${kind}`)
      .join(', ');
    process.stdout.write(
      `${report.dryRun ? 'Checked (dry run, nothing written)' : 'Imported'} from ${report.sourceSite}: ${counts}, ${report.fronts} front rows, settings ${report.settings.join(', ') || 'none'}.\n`,
    );
    if (report.empty) process.stdout.write('The archive holds no articles, pages or images.\n');
    for (const w of report.warnings) process.stdout.write(`  note: ${w.message}\n`);
    if (!report.dryRun) process.stdout.write('Restart the server so it reads the imported settings.\n');
    return 0;
  } finally {
    await store.close();
    await storage.close();
  }
}

runExportCommand('import:archive', main);
