// Run by `npm start` before the server, in a process of its own that exits: migrates the database, seeds
// the demo newsroom into an empty one (never again, and never over the newsroom's own content), and makes
// the app secret. The server then starts without the seeding's memory (images drawn with sharp).
import 'dotenv/config';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { LocalFileStore } from '../src/media/file-store.js';
import { openReachableStorage, prepareStorage, readConfig } from '../src/server/startup.js';

const config = readConfig();
const storage = await openReachableStorage(config);
await prepareStorage(config, storage);
if (
  config.seedDemo &&
  (await seedDemoIfEmpty(storage.db, new LocalFileStore(config.mediaDir), new Date())) === 'seeded'
) {
  process.stdout.write('Seeded the demo newsroom (it is never seeded again, nor over your own content).\n');
}
await storage.close();
