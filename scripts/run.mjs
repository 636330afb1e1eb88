// `npm run staff -- …`, `npm run reconcile`: a command-line tool, compiled like the server, built first when
// the sources changed.
import { ensureBuilt, runScript } from './ensure-built.mjs';

const [name, ...args] = process.argv.slice(2);
ensureBuilt();
runScript(name, args);
