// Once per test run: the browser assets the app serves, built as `npm run build` builds them (into
// dist/public; files already there from an identical build are kept).
import { buildAssets } from '../../scripts/build-assets.js';

export default async function setup(): Promise<void> {
  await buildAssets();
}
