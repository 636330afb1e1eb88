// The URL checks: an id is written one way only, in plain decimal digits; any other spelling names no row.
import { describe, expect, it } from 'vitest';
import { NotFound } from './errors.js';
import { idParam } from './request-params.js';

describe('idParam', () => {
  it('reads a positive whole number written in decimal digits', () => {
    expect(idParam('42', 'That is not an article.')).toBe(42);
    expect(idParam('16', 'That is not an article.')).toBe(16);
    expect(idParam('9007199254740991', 'That is not an article.')).toBe(9007199254740991);
  });

  it('finds nothing for any other spelling, with the message given', () => {
    const others = [
      ...['0x10', '0o20', '0b10000', '1e1', '1.6e1', ' 16', '16 ', '\t16', '16\n', '16.0', '16.', '+16'],
      ...['-1', '-16', '0', '016', '00', '1.5', 'abc', '', '١٦', '16abc', 'Infinity', 'NaN'],
      ...['9007199254740992', '9007199254740993', '99999999999999999999', undefined, 16, null],
    ];
    for (const value of others) {
      expect(() => idParam(value, 'That is not an article.'), JSON.stringify(value)).toThrow(NotFound);
      expect(() => idParam(value, 'That is not an article.')).toThrow('That is not an article.');
    }
  });
});
