// Reads a WordPress export (WXR 1.0, 1.1 or 1.2) as source records while streaming it through saxes: each
// channel entry and item is built as a small tree, turned into records when it closes and forgotten, and
// the file is read a chunk at a time only as fast as the consumer takes the records, so memory follows the
// largest single item, not the file.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { SourceFileError, type SourceReader, type SourceRecord } from '../source-model.js';
import { WxrDocument } from './wxr-document.js';
import { canonicalName, fallbackNamespace, type WxrNode } from './wxr-tree.js';

const CHUNK_BYTES = 64 * 1024;

export const readWxr: SourceReader = (file) => wxrRecords(file);

async function* wxrRecords(file: string): AsyncGenerator<SourceRecord> {
  const document = new WxrDocument();
  const parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: fallbackNamespace });
  const malformed = (error: Error) =>
    new SourceFileError(
      `Malformed XML: ${error.message.replace(/^\d+:\d+: /, '')}`,
      parser.line,
      parser.column,
    );
  parser.on('error', (error) => {
    throw malformed(error);
  });
  const open: WxrNode[] = [];
  parser.on('opentag', (tag) => {
    const node: WxrNode = { name: canonicalName(tag.uri, tag.local), attributes: {}, text: '', children: [] };
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === '') node.attributes[attribute.local] = attribute.value;
    }
    const parent = open.at(-1);
    // The root and the channel are only checked, never kept; each of the channel's children is kept whole.
    if (open.length >= 3 && parent !== undefined) parent.children.push(node);
    open.push(node);
    document.opened(node, open.length);
  });
  const addText = (value: string) => {
    const current = open.at(-1);
    if (current !== undefined && open.length >= 3) current.text += value;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const node = open.pop();
    if (node !== undefined) document.closed(node, open.length + 1);
  });

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
      yield* document.take();
    }
    parser.close();
    document.finish();
    yield* document.take();
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new SourceFileError(`Cannot read ${file}: ${(error as Error).message}`);
    throw error;
  } finally {
    stream.destroy();
  }
}
