// Which source ids may be kept as ours: a WordPress id that fits our 32-bit ids, never another system's.
import { describe, expect, it } from 'vitest';
import { KeptIds } from './kept-ids.js';
import { ReportBuilder } from './report.js';

describe('the id a source id asks to keep', () => {
  const wordpress = new KeptIds('wordpress', new ReportBuilder('wordpress', false), true);

  it('is a WordPress id up to 2,147,483,647', () => {
    expect(wordpress.wanted('123')).toBe(123);
    expect(wordpress.wanted('2147483647')).toBe(2_147_483_647);
  });

  it('is none for a larger, signed, padded or non-numeric id', () => {
    for (const id of [
      '2147483648',
      '99999999999',
      '-4',
      '0',
      '007',
      '12a',
      'url:https://x/a.jpg',
      '',
      undefined,
    ])
      expect(wordpress.wanted(id), String(id)).toBeUndefined();
  });

  it('is none for Ghost, even when its id is digits', () => {
    const ghost = new KeptIds('ghost', new ReportBuilder('ghost', false), true);
    expect(ghost.wanted('123')).toBeUndefined();
    expect(ghost.wanted('5f3a9c0e1b2d4e0001a1b2c3')).toBeUndefined();
  });

  it('counts an id not free, once per kind in the report', () => {
    const report = new ReportBuilder('wordpress', false);
    const ids = new KeptIds('wordpress', report, true);
    expect(ids.keep('comments', '7')).toBeUndefined();
    expect(ids.keep('comments', '8')).toBeUndefined();
    expect(ids.keep('comments', 'abc')).toBeUndefined();
    expect(report.finish(false).warnings).toEqual([
      {
        kind: 'comments',
        title: 'WordPress ids',
        message:
          '2 comments could not keep their WordPress id because a local item already has it; their old id is not served by /wp-json',
      },
    ]);
  });
});
