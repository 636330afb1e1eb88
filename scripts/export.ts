// The whole site in a portable, documented format (docs/export-format.md), while the server keeps running:
//   npm run export -- ./site-export.tar.gz                  (the Broadsheet archive)
//   npm run export -- ./site.xml --format wxr               (a WordPress WXR 1.2 file)
// The file holds readers' email addresses (their comments): keep it as carefully as the database.
import 'dotenv/config';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { writeExportFile } from '../src/export/create-export.js';
import { ExportError } from '../src/export/export-error.js';
import { runExportCommand } from '../src/export/run-export-command.js';
import { writeWxrFile } from '../src/export/wxr/write-wxr.js';
import { openFileStore } from '../src/media/open-file-store.js';
import { openStorage } from '../src/storage/db.js';

const USAGE = 'Usage: npm run export -- <file> [--format broadsheet|wxr]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { format: { type: 'string', default: 'broadsheet' } },
  });
  if (positionals.length !== 1) throw new ExportError(`Name the file to write.\n${USAGE}`);
  const format = values.format;
  if (format !== 'broadsheet' && format !== 'wxr')
    throw new ExportError(`Unknown format ${format}: broadsheet or wxr.\n${USAGE}`);
  const config = loadConfig(process.env);
  const file = resolve(positionals[0]!);
  const storage = openStorage(config.databaseUrl);
  const store = await openFileStore(config.mediaStorage);
  try {
    if (format === 'wxr') {
      await writeWxrFile({ db: storage.db, siteAddress: config.publicUrl }, file);
      process.stdout.write(`Wrote the WordPress export (WXR 1.2) to ${file}\n`);
    } else {
      const manifest = await writeExportFile({ db: storage.db, store, siteAddress: config.publicUrl }, file);
      const c = manifest.counts;
      process.stdout.write(
        `Exported ${c.articles} articles, ${c.pages} pages, ${c.media} images, ${c.comments} comments, ${c.people} people and ${c.redirects} redirects to ${file}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
    await storage.close();
  }
}

runExportCommand('export', main);
