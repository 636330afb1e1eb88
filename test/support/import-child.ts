// A process that imports generated records into a SQLite file and runs until it is killed (or done): the
// import's kill test stops it midway with SIGKILL. Usage: node --import tsx import-child.ts <db file> <posts>
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../../src/import/run-import.js';
import { LocalFileStore } from '../../src/media/file-store.js';
import { localContentEvents } from '../../src/storage/content-events.js';
import { openStorage } from '../../src/storage/db.js';
import { importDeps, recordsReader, siteRecords } from './import-records.js';

const [file, posts] = process.argv.slice(2);
const storage = openStorage(`sqlite:${file}`);
const files = new LocalFileStore(mkdtempSync(join(tmpdir(), 'import-child-')));
const deps = {
  ...importDeps(storage, files, localContentEvents(), recordsReader(siteRecords(Number(posts)))),
  batchSize: 5,
};
await runImport(deps, { system: 'wordpress', file: 'generated', dryRun: false }, (progress) => {
  if (progress.phase === 'writing') process.stdout.write(`written ${progress.done}\n`);
});
process.stdout.write('done\n');
await storage.close();
