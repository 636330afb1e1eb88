// Which system an uploaded export comes from, told by its first bytes rather than its name: a WordPress
// export is RSS with WordPress's export namespace, a Ghost export a JSON object. Anything else is refused
// with words that say what was expected.
import { open } from 'node:fs/promises';
import { Invalid } from '../../http/errors.js';
import type { SourceSystem } from '../source-model.js';

const HEAD_BYTES = 64 * 1024;

export const EXPECTED =
  'Upload a WordPress export (Tools → Export → All content: an .xml file) or a Ghost export (Settings → Labs → Export: a .json file).';

export function systemOfContent(head: string): SourceSystem {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    if (/<rss[\s>]/.test(start) && /wordpress\.org\/export\//.test(start)) return 'wordpress';
    throw new Invalid(`This is an XML file but not a WordPress export (WXR). ${EXPECTED}`, {
      file: 'Not a WordPress export.',
    });
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    if (/"(db|data|posts)"\s*:/.test(start)) return 'ghost';
    throw new Invalid(`This is a JSON file but not a Ghost export. ${EXPECTED}`, {
      file: 'Not a Ghost export.',
    });
  }
  throw new Invalid(`This file is neither a WordPress nor a Ghost export. ${EXPECTED}`, {
    file: 'Not an export file.',
  });
}

export async function detectSystem(file: string): Promise<SourceSystem> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return systemOfContent(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}
