// Ghost's redirects.json (Settings → Labs → Redirects), when it lies beside the export: `[{from, to}]`, where
// `from` is a regular expression. Plain paths (`^/old/$`) come across; a pattern cannot become one address,
// so it is listed in the report instead.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SourceProblem, SourceRedirect } from '../source-model.js';

// ^ and $ anchors and a final optional slash are how Ghost writes one address; anything else is a pattern.
const PLAIN_PATH = /^\^?(\/[^*+?()[\]{}|\\^$]*?)\/?\??\$?$/;

function plainPath(from: string): string | undefined {
  const match = PLAIN_PATH.exec(from.replace(/\\\//g, '/').replace(/\\\./g, '.'));
  if (!match) return undefined;
  const path = match[1]!;
  return path === '/' ? path : `${path.replace(/\/+$/, '')}/`;
}

export async function readGhostRedirects(exportFile: string): Promise<Array<SourceRedirect | SourceProblem>> {
  const file = join(dirname(exportFile), 'redirects.json');
  let textOfFile: string;
  try {
    textOfFile = await readFile(file, 'utf8');
  } catch {
    return []; // No redirects file beside the export: there is nothing to carry.
  }
  let list: unknown;
  try {
    list = JSON.parse(textOfFile.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = `redirects.json is not valid JSON (${(error as Error).message}): its redirects were not imported.`;
    return [{ kind: 'problem', title: 'redirects.json', message }];
  }
  if (!Array.isArray(list)) {
    return [
      { kind: 'problem', title: 'redirects.json', message: 'redirects.json is not a list: not imported.' },
    ];
  }
  const records: Array<SourceRedirect | SourceProblem> = [];
  for (const entry of list) {
    const from = typeof entry?.from === 'string' ? entry.from : '';
    const to = typeof entry?.to === 'string' ? entry.to.trim() : '';
    const path = plainPath(from);
    if (path && to) records.push({ kind: 'redirect', from: path, to });
    else {
      records.push({
        kind: 'problem',
        title: from || '(no “from”)',
        message: `The redirect “${from}” → “${to}” is a pattern or incomplete, not one address: add it again by hand if it is still needed.`,
      });
    }
  }
  return records;
}
