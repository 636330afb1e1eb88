// Reading a Broadsheet export back: the archive unpacked into a private temporary folder (only the names the
// format has, so a crafted archive cannot drop files elsewhere), its manifest checked for a format and
// version this Broadsheet reads, and each JSON-lines file read a line at a time through its schema.
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tar from 'tar';
import type { z } from 'zod';
import { ExportError } from './export-error.js';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportManifest,
  LATER_LINE_FILES,
  LINE_FILES,
  LINE_SCHEMAS,
  type LineFile,
  MANIFEST_FILE,
  manifestSchema,
  SETTINGS_FILE,
  type SettingsFile,
  settingsFileSchema,
} from './format.js';

export interface OpenedExport {
  folder: string;
  manifest: ExportManifest;
  settings: SettingsFile;
  dispose(): Promise<void>;
}

const ALLOWED = new RegExp(
  `^(${[MANIFEST_FILE, SETTINGS_FILE, ...LINE_FILES].map((f) => f.replace('.', '\\.')).join('|')}|media/?|media/\\d+/?|media/\\d+/[A-Za-z0-9_-][A-Za-z0-9._-]*)$`,
);

/** The first problem of a zod error, as "field.path: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

function unreadable(file: string, error: unknown): ExportError {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (
    code === 'TAR_BAD_ARCHIVE' ||
    code === 'TAR_ENTRY_INVALID' ||
    /Unrecognized archive format/i.test(message)
  )
    return new ExportError(`${file} is not a .tar.gz archive; nothing was imported.`);
  if (
    code.startsWith('Z_') ||
    code === 'TAR_ABORT' ||
    /unexpected end|truncated|incorrect header/i.test(message)
  )
    return new ExportError(
      `${file} is damaged or cut short (it does not read to its end); nothing was imported.`,
    );
  return new ExportError(`${file} could not be read (${code || message}); nothing was imported.`);
}

export async function openExport(file: string): Promise<OpenedExport> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new ExportError(`There is no archive file at ${file}.`);
  const folder = await mkdtemp(join(tmpdir(), 'broadsheet-import-'));
  const dispose = () => rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  try {
    let unexpected: string | undefined;
    try {
      await tar.extract({
        file,
        cwd: folder,
        strict: true,
        filter: (path, entry) => {
          const name = path.replace(/^(\.\/)+/, '');
          if (name === '' || name === '.') return false;
          const type = 'type' in entry ? entry.type : 'File';
          const ok = ALLOWED.test(name) && (type === 'File' || type === 'Directory');
          if (!ok) unexpected ??= name;
          return ok;
        },
      });
    } catch (error) {
      throw unreadable(file, error);
    }
    if (unexpected !== undefined)
      throw new ExportError(
        `The archive holds ${unexpected}, which no Broadsheet export does; nothing was imported.`,
      );
    const manifest = parseManifest(
      await readFile(join(folder, MANIFEST_FILE), 'utf8').catch(() => null),
      file,
    );
    const settingsText = await readFile(join(folder, SETTINGS_FILE), 'utf8').catch(() => null);
    if (settingsText === null)
      throw new ExportError(`The archive lacks ${SETTINGS_FILE}; nothing was imported.`);
    const settings = parseJson(settingsText, SETTINGS_FILE, settingsFileSchema);
    for (const name of LINE_FILES) {
      if (await stat(join(folder, name)).catch(() => null)) continue;
      // Made before this file was part of the format: read as empty, as its manifest counts it (0).
      if (LATER_LINE_FILES.has(name)) await writeFile(join(folder, name), '');
      else throw new ExportError(`The archive lacks ${name}; nothing was imported.`);
    }
    return { folder, manifest, settings, dispose };
  } catch (error) {
    await dispose().catch(() => {});
    throw error;
  }
}

function parseJson<T>(text: string, name: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportError(`${name} is not JSON; nothing was imported.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ExportError(`${name}: ${firstIssue(parsed.error)}; nothing was imported.`);
  return parsed.data;
}

function parseManifest(text: string | null, file: string): ExportManifest {
  if (text === null)
    throw new ExportError(`${file} is an archive but not a Broadsheet export: it has no ${MANIFEST_FILE}.`);
  let value: { format?: unknown; formatVersion?: unknown; broadsheetVersion?: unknown } | null = null;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportError(`${MANIFEST_FILE} is not JSON; nothing was imported.`);
  }
  if (value?.format !== EXPORT_FORMAT)
    throw new ExportError(
      `${file} is not a Broadsheet export (its format is ${JSON.stringify(value?.format)}).`,
    );
  if (typeof value.formatVersion === 'number' && value.formatVersion > EXPORT_FORMAT_VERSION)
    throw new ExportError(
      `${file} is in export format version ${value.formatVersion} (made by Broadsheet ${String(value.broadsheetVersion)}); this Broadsheet reads version ${EXPORT_FORMAT_VERSION}. Update Broadsheet, then import it; nothing was imported.`,
    );
  return parseJson(text, MANIFEST_FILE, manifestSchema);
}

/** Each line of `name` checked by its schema, with its line number; an ExportError names the first bad one. */
export async function* readLines<F extends LineFile>(
  folder: string,
  name: F,
): AsyncGenerator<{ line: number; value: z.infer<(typeof LINE_SCHEMAS)[F]> }> {
  const schema = LINE_SCHEMAS[name] as z.ZodType;
  const lines = createInterface({ input: createReadStream(join(folder, name), 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ExportError(`${name} line ${line} is not valid JSON; nothing was imported.`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new ExportError(`${name} line ${line}: ${firstIssue(parsed.error)}; nothing was imported.`);
    yield { line, value: parsed.data as z.infer<(typeof LINE_SCHEMAS)[F]> };
  }
}

/** Raised from a check on one line, naming its file and number. */
export function lineError(name: LineFile, line: number, problem: string): ExportError {
  return new ExportError(`${name} line ${line}: ${problem}; nothing was imported.`);
}
