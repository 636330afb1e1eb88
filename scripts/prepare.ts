// Run by `npm start` before the server, in a process of its own that exits: migrates the database, seeds
// the demo newsroom into an empty one (never again, and never over the newsroom's own content), and makes
// the app secret. The server then starts without the seeding's memory (images drawn with sharp).
import 'dotenv/config';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { openFileStore } from '../src/media/open-file-store.js';
import { openReachableStorage, prepareStorage, readConfig } from '../src/server/startup.js';

const config = readConfig();
const storage = await openReachableStorage(config);
await prepareStorage(config, storage);
if (config.seedDemo) {
  // The demo's images go where the server will look for them: the media folder, or the bucket.
  const files = await openFileStore(config.mediaStorage);
  try {
    if ((await seedDemoIfEmpty(storage.db, files, new Date())) === 'seeded') {
      process.stdout.write(
        'Seeded the demo newsroom (it is never seeded again, nor over your own content).\n',
      );
    }
  } finally {
    await files.close();
  }
}
await storage.close();
