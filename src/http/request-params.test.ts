// The URL checks: an id is a plain positive number or a 400 that names what it should have been.
import { describe, expect, it } from 'vitest';
import { Invalid } from './errors.js';
import { idParam } from './request-params.js';

describe('idParam', () => {
  it('reads a positive whole number', () => {
    expect(idParam('42', 'That is not an article.')).toBe(42);
  });

  it('refuses anything else with the message given', () => {
    for (const value of ['0', '-3', '1.5', 'abc', '', '9007199254740993', undefined]) {
      expect(() => idParam(value, 'That is not an article.'), String(value)).toThrow(Invalid);
      expect(() => idParam(value, 'That is not an article.')).toThrow('That is not an article.');
    }
  });
});
