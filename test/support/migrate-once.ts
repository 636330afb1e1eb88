// A process that migrates the database named by its first argument and prints, as JSON, the migrations it
// ran: several of these started at once are several instances starting at once. The second argument, a
// time (epoch milliseconds), makes it wait until then, so that processes started one after another begin
// migrating at the same moment.
import { openStorage } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

const storage = openStorage(process.argv[2]!);
const startAt = Number(process.argv[3] ?? 0);
if (startAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
try {
  process.stdout.write(JSON.stringify({ ran: await migrateToLatest(storage.db) }));
} finally {
  await storage.close();
}
