// `npm start`: builds when needed (ensure-built.mjs), prepares the database (migrations and the demo, in a
// process that exits), then becomes the server: plain node on dist/, with nothing compiled, bundled or
// compressed while it serves.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root, runScript } from './ensure-built.mjs';

ensureBuilt();
runScript('prepare');
await import(pathToFileURL(join(root, 'dist', 'server', 'main.js')).href);
