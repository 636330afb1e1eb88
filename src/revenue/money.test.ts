// Money as readers type it and as receipts print it, for currencies with 2, 0 and 3 decimals.
import { describe, expect, it } from 'vitest';
import { feeCover, formatMoney, isCurrency, majorUnits, minorDigits, parseMajorUnits } from './money.js';

describe('money', () => {
  it('knows each currency’s minor unit', () => {
    expect(minorDigits('GBP')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
  });

  it('parses what a reader types into minor units, and refuses what is not an amount', () => {
    expect(parseMajorUnits('25', 'GBP')).toBe(2500);
    expect(parseMajorUnits(' 12.5 ', 'GBP')).toBe(1250);
    expect(parseMajorUnits('12,50', 'EUR')).toBe(1250);
    expect(parseMajorUnits('1 000', 'GBP')).toBe(100000);
    expect(parseMajorUnits('500', 'JPY')).toBe(500);
    expect(parseMajorUnits('1.234', 'KWD')).toBe(1234);
    for (const bad of ['', '-5', '12.345', 'ten', '1e3', '5.', '0x10', '12.5.1']) {
      expect(parseMajorUnits(bad, 'GBP'), bad).toBeNull();
    }
    expect(parseMajorUnits('5.5', 'JPY')).toBeNull();
  });

  it('formats amounts in the site’s language, without .00 on whole amounts', () => {
    expect(formatMoney({ amount: 2500, currency: 'GBP' })).toBe('£25');
    expect(formatMoney({ amount: 1250, currency: 'GBP' })).toBe('£12.50');
    expect(formatMoney({ amount: 1250, currency: 'EUR' }, 'de')).toBe('12,50\u00a0€');
    expect(formatMoney({ amount: 500, currency: 'JPY' })).toBe('¥500');
    expect(majorUnits(1250, 'GBP')).toBe('12.50');
    expect(majorUnits(2500, 'GBP')).toBe('25');
  });

  it('rounds the fee cover up to a whole minor unit', () => {
    expect(feeCover(2500, 3)).toBe(75);
    expect(feeCover(1001, 2.9)).toBe(30);
    expect(feeCover(2500, 0)).toBe(0);
  });
});
