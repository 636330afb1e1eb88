// The import's first pass: every line of every file read through its schema and the domains' own rules
// (body documents, an image's words and rights), every reference checked against what came before it, and
// every media file against its size and digest. Nothing is written until all of it holds.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_STORED_DEPTH, mediaIdsOf, parseBodyDocument } from '../articles/render/document.js';
import { parseMediaDetails } from '../media/media-details.js';
import { ExportError } from './export-error.js';
import type { CountName, ExportCounts, LineFile } from './format.js';
import { firstIssue, lineError, type OpenedExport, readLines } from './open-export.js';

type Ids = Set<number>;

function checkBody(name: LineFile, line: number, body: unknown, media: Ids): void {
  let doc: ReturnType<typeof parseBodyDocument>;
  try {
    doc = parseBodyDocument(body, MAX_STORED_DEPTH);
  } catch (error) {
    const issues = (error as { issues?: unknown }).issues;
    const problem = issues ? firstIssue(error as never) : (error as Error).message;
    throw lineError(name, line, `the body is not a valid document (${problem})`);
  }
  for (const id of mediaIdsOf(doc))
    if (!media.has(id))
      throw lineError(name, line, `the body shows image #${id}, which media.jsonl does not have`);
}

function refers(name: LineFile, line: number, what: string, id: number | null, known: Ids): void {
  if (id !== null && !known.has(id)) throw lineError(name, line, `${what} #${id} is not in the archive`);
}

function unique(name: LineFile, line: number, id: number, seen: Ids): void {
  if (seen.has(id)) throw lineError(name, line, `the id ${id} comes twice`);
  seen.add(id);
}

/** Checks the whole archive; returns the lines counted per file. Throws an ExportError at the first problem. */
export async function checkExport(opened: OpenedExport): Promise<ExportCounts> {
  const { folder } = opened;
  const media: Ids = new Set();
  const people: Ids = new Set();
  const sections: Ids = new Set();
  const tags: Ids = new Set();
  const articles: Ids = new Set();
  const pages: Ids = new Set();
  const comments: Ids = new Set();
  const counts = { people: 0, redirects: 0, fronts: 0, imports: 0 };
  // Images the old site had lost the files of: their uses are dropped by the import, not refused.
  const lost = new Set(opened.manifest.missingMedia.map((m) => m.id));
  const shown: Ids = new Set([...lost]);

  for await (const { line, value: m } of readLines(folder, 'media.jsonl')) {
    unique('media.jsonl', line, m.id, media);
    shown.add(m.id);
    if (!m.file.startsWith(`media/${m.id}/`))
      throw lineError('media.jsonl', line, `its file is not under media/${m.id}/`);
    try {
      parseMediaDetails({ ...m, licenseUrl: m.licenseUrl ?? '', licenseExpiresAt: m.licenseExpiresAt ?? '' });
    } catch (error) {
      const fields = (error as { fields?: Record<string, string> }).fields ?? {};
      const detail = Object.entries(fields)
        .map(([f, msg]) => `${f} ${msg}`)
        .join('; ');
      throw lineError(
        'media.jsonl',
        line,
        `the image's details are not valid (${detail || (error as Error).message})`,
      );
    }
    const data = await readFile(join(folder, m.file)).catch(() => null);
    if (!data) throw lineError('media.jsonl', line, `the archive lacks its file ${m.file}`);
    if (data.length !== m.bytes || createHash('sha256').update(data).digest('hex') !== m.sha256)
      throw lineError('media.jsonl', line, `its file ${m.file} differs from the size and digest recorded`);
  }
  for await (const { line, value: p } of readLines(folder, 'people.jsonl')) {
    counts.people++;
    if (p.id !== null) unique('people.jsonl', line, p.id, people);
    if (p.id === null && p.staff === null)
      throw lineError('people.jsonl', line, 'a person is a profile, an account or both');
    refers('people.jsonl', line, 'the photo, image', p.photoMediaId, shown);
  }
  for await (const { line, value } of readLines(folder, 'sections.jsonl'))
    unique('sections.jsonl', line, value.id, sections);
  for await (const { line, value } of readLines(folder, 'tags.jsonl'))
    unique('tags.jsonl', line, value.id, tags);
  for await (const { line, value: a } of readLines(folder, 'articles.jsonl')) {
    const name = 'articles.jsonl';
    unique(name, line, a.id, articles);
    checkBody(name, line, a.body, shown);
    refers(name, line, 'the section', a.sectionId, sections);
    refers(name, line, 'the hero image', a.heroMediaId, shown);
    for (const id of a.authorIds) refers(name, line, 'the author', id, people);
    for (const id of a.tagIds) refers(name, line, 'the tag', id, tags);
  }
  for await (const { line, value: p } of readLines(folder, 'pages.jsonl')) {
    unique('pages.jsonl', line, p.id, pages);
    checkBody('pages.jsonl', line, p.body, shown);
  }
  for await (const { line, value: c } of readLines(folder, 'comments.jsonl')) {
    refers('comments.jsonl', line, 'the article', c.articleId, articles);
    // Replies come after the comment they answer, as the export writes them in id order.
    refers('comments.jsonl', line, 'the parent comment', c.parentId, comments);
    refers('comments.jsonl', line, 'the thread', c.rootId, comments);
    unique('comments.jsonl', line, c.id, comments);
  }
  const targets = {
    article: articles,
    page: pages,
    media: shown,
    section: sections,
    tag: tags,
    author: people,
  };
  const oldPaths = new Set<string>();
  for await (const { line, value: r } of readLines(folder, 'redirects.jsonl')) {
    counts.redirects++;
    if (r.kind === 'slug') {
      refers('redirects.jsonl', line, 'the article', r.articleId, articles);
      continue;
    }
    refers('redirects.jsonl', line, `the ${r.targetKind}`, r.targetId, targets[r.targetKind]);
    if (oldPaths.has(r.oldPath))
      throw lineError('redirects.jsonl', line, `the address ${r.oldPath} comes twice`);
    oldPaths.add(r.oldPath);
  }
  for await (const _ of readLines(folder, 'fronts.jsonl')) counts.fronts++;
  const ledger = { ...targets, comment: comments };
  const sourceItems = new Set<string>();
  for await (const { line, value: item } of readLines(folder, 'imports.jsonl')) {
    counts.imports++;
    refers('imports.jsonl', line, `the ${item.localKind}`, item.localId, ledger[item.localKind]);
    const key = JSON.stringify([item.sourceSite, item.sourceKind, item.sourceId]);
    if (sourceItems.has(key))
      throw lineError(
        'imports.jsonl',
        line,
        `${item.sourceSite}'s ${item.sourceKind} ${item.sourceId} comes twice`,
      );
    sourceItems.add(key);
  }

  const found: ExportCounts = {
    media: media.size,
    people: counts.people,
    sections: sections.size,
    tags: tags.size,
    articles: articles.size,
    pages: pages.size,
    comments: comments.size,
    redirects: counts.redirects,
    fronts: counts.fronts,
    imports: counts.imports,
  };
  for (const [name, count] of Object.entries(found) as Array<[CountName, number]>) {
    if (opened.manifest.counts[name] !== count)
      throw new ExportError(
        `${name}.jsonl has ${count} lines where the manifest counts ${opened.manifest.counts[name]}: the archive is incomplete; nothing was imported.`,
      );
  }
  return found;
}
