// Reading an import source to the end in tests, and picking its records by kind.
import { fileURLToPath } from 'node:url';
import type { SourcePost, SourceReader, SourceRecord } from '../../src/import/source-model.js';

/** A file of test/fixtures/import/ (e.g. `wordpress/newsroom-1.2.xml`). */
export const importFixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

export async function readAll(reader: SourceReader, file: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of reader(file)) records.push(record);
  return records;
}

export const recordsOf = <K extends SourceRecord['kind']>(records: SourceRecord[], kind: K) =>
  records.filter((r) => r.kind === kind) as Array<Extract<SourceRecord, { kind: K }>>;

export const postsOf = (records: SourceRecord[]): SourcePost[] => recordsOf(records, 'post');

export function postOf(records: SourceRecord[], sourceId: string): SourcePost {
  const found = postsOf(records).find((p) => p.sourceId === sourceId);
  if (!found) throw new Error(`no post ${sourceId} among the records`);
  return found;
}
