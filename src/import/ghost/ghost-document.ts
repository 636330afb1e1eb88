// Ghost's JSON export read whole into its tables. Ghost writes one JSON document (not a stream of records),
// and its relations (posts_tags, posts_authors, posts_meta) come after the posts, so every table is needed
// before the first post can be told: the file is read into memory, up to MAX_GHOST_EXPORT_BYTES.
import { readFile, stat } from 'node:fs/promises';
import { type ParseError, parse as parseTolerantly, printParseErrorCode } from 'jsonc-parser';
import { SourceFileError } from '../source-model.js';

/** Far above any newsroom's Ghost export (text only: images travel in content/images), below V8's string limit. */
export const MAX_GHOST_EXPORT_BYTES = 400 * 1024 * 1024;

export type GhostRow = Record<string, unknown>;

export interface GhostExport {
  version?: string;
  /** The export's own `meta`, where some tools put the site's address. */
  meta: GhostRow;
  tables: {
    posts: GhostRow[];
    posts_meta: GhostRow[];
    tags: GhostRow[];
    posts_tags: GhostRow[];
    users: GhostRow[];
    posts_authors: GhostRow[];
    settings: GhostRow[];
  };
}

/** Line and column (both from 1) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON.parse, and on failure the place of the first error: V8's message gives an offset only for some errors
 * ("Unexpected token" has none), so the strict jsonc-parser reads the text again to find it.
 */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    if (!first) throw new SourceFileError(`The file is not valid JSON: ${(error as Error).message}`);
    const { line, column } = lineAndColumn(text, first.offset);
    throw new SourceFileError(
      `The file is not valid JSON (${printParseErrorCode(first.error)})`,
      line,
      column,
    );
  }
}

function isRow(value: unknown): value is GhostRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rows(data: GhostRow, name: string): GhostRow[] {
  const value = data[name];
  return Array.isArray(value) ? value.filter(isRow) : [];
}

/** The `{db:[{meta,data}]}` of Ghost 1.x–5.x, or the bare `{meta,data}` of older exports and some tools. */
export function ghostTables(document: unknown): GhostExport {
  const root = isRow(document) ? document : {};
  const entry = Array.isArray(root.db) && isRow(root.db[0]) ? root.db[0] : root;
  const data = entry.data;
  if (!isRow(data) || !Array.isArray(data.posts)) {
    throw new SourceFileError(
      'This JSON file is not a Ghost export: it has no "data" with "posts" (Ghost: Settings → Labs → Export your content).',
    );
  }
  const meta = isRow(entry.meta) ? entry.meta : {};
  return {
    version: typeof meta.version === 'string' ? meta.version : undefined,
    meta,
    tables: {
      posts: rows(data, 'posts'),
      posts_meta: rows(data, 'posts_meta'),
      tags: rows(data, 'tags'),
      posts_tags: rows(data, 'posts_tags'),
      users: rows(data, 'users'),
      posts_authors: rows(data, 'posts_authors'),
      settings: rows(data, 'settings'),
    },
  };
}

export async function readGhostExport(file: string): Promise<GhostExport> {
  const { size } = await stat(file);
  if (size > MAX_GHOST_EXPORT_BYTES) {
    throw new SourceFileError(
      `The Ghost export is ${Math.round(size / 1024 / 1024)} MB; the importer reads Ghost exports whole and takes up to ${MAX_GHOST_EXPORT_BYTES / 1024 / 1024} MB.`,
    );
  }
  // Ghost writes UTF-8; a byte-order mark some editors add is not part of the JSON.
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return ghostTables(parseJson(text));
}
