// A JSON-lines file written as rows come: each line goes to the file stream and the writer waits for the
// stream to drain when its buffer is full, so however many rows an export has, only a batch is in memory.

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

export class LineWriter {
  private readonly stream: WriteStream;
  count = 0;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8', mode: 0o600 });
  }

  async write(line: unknown): Promise<void> {
    this.count++;
    if (!this.stream.write(`${JSON.stringify(line)}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** Every row of a table read in batches by a rising key: `next(after)` returns the rows after that key. */
export async function* keyset<Row, Key>(
  first: Key,
  next: (after: Key) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): AsyncGenerator<Row[]> {
  let after = first;
  for (;;) {
    const rows = await next(after);
    if (rows.length === 0) return;
    yield rows;
    after = keyOf(rows[rows.length - 1]!);
  }
}
