// Brings a site in: a WordPress or Ghost site's posts, pages, people, sections, tags, media, comments and old
// addresses (see src/import/), or a Broadsheet export into an empty Broadsheet (src/export/archive-import.ts).
// Run a WordPress or Ghost import again with the same file to finish a run that was stopped, or with a newer
// export to bring in what changed.
//   npm run import -- wordpress ./export.xml [--uploads ./wp-content/uploads | --media-base URL] [--dry-run]
//   npm run import -- ghost ./export.json [--images ./content/images] [--dry-run]
//   npm run import -- broadsheet ./site-export.tar.gz [--dry-run]
import 'dotenv/config';
import { existingAppSecret } from '../src/backup/installation-secret.js';
import { archiveImport } from '../src/export/archive-import.js';
import { importCommand } from '../src/import/import-command.js';
import { sourceReaders } from '../src/import/source-readers.js';
import { appReservedPaths } from '../src/server/app-addresses.js';

importCommand(
  process.argv.slice(2),
  sourceReaders,
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    secret: existingAppSecret,
    reservedPaths: appReservedPaths,
    // scripts/run.mjs starts this with --expose-gc: see src/import/heap-keeper.ts.
    collectGarbage: globalThis.gc,
  },
  archiveImport,
).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
