// The reader of each system's export, as the command line and the newsroom's import job use them.
import { readGhost } from './ghost/ghost-reader.js';
import type { SourceReader, SourceSystem } from './source-model.js';
import { readWxr } from './wordpress/wxr-reader.js';

export const sourceReaders: Partial<Record<SourceSystem, SourceReader>> = {
  wordpress: readWxr,
  ghost: readGhost,
};
