// The WXR export to a file (written aside, then renamed) or as a stream for a download: the document's
// chunks are pulled one at a time, so a slow reader holds back the database reads instead of filling memory.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type WxrDeps, wxrDocument } from './wxr-document.js';

export function streamWxr(deps: WxrDeps): Readable {
  return Readable.from(wxrDocument(deps), { objectMode: false });
}

export async function writeWxrFile(deps: WxrDeps, file: string): Promise<void> {
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    // Readers' email addresses are in it: only its owner reads it.
    await pipeline(streamWxr(deps), createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
