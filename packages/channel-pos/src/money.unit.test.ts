import { describe, expect, it } from 'vitest';
import { currencyExponent, toMinorUnits } from './money';

describe('major → minor units', () => {
  it.each([
    ['EUR', '19.99', 1999],
    ['EUR', 0.1, 10],
    ['EUR', 1.005e2, 10050],
    ['USD', '18.49', 1849],
    ['EUR', '-3.79', -379],
    ['JPY', 2480, 2480],
    ['JPY', '158', 158],
    ['BHD', '1.234', 1234],
    ['BHD', 0.3, 300],
    ['EUR', '12', 1200],
    ['EUR', '12.50', 1250],
    ['JPY', '12.0', 12],
  ])('given %s %s, when converted, then %d minor units exactly', (currency, value, minor) => {
    expect(toMinorUnits(value, currencyExponent(currency)!)).toBe(minor);
  });

  it('given more decimals than the currency has, when converted, then a message, not a rounded amount', () => {
    expect(toMinorUnits('12.5', 0)).toMatch(/1 decimal/);
    expect(toMinorUnits('1.005', 2)).toMatch(/3 decimal/);
    expect(toMinorUnits('1e3', 2)).toMatch(/plain decimal/);
    expect(toMinorUnits(true, 2)).toMatch(/decimal string or a number/);
  });

  it('given codes, when looked up, then ISO exponents; unknown and lower case are null', () => {
    expect([currencyExponent('JPY'), currencyExponent('EUR'), currencyExponent('BHD')]).toEqual([0, 2, 3]);
    expect(currencyExponent('eur')).toBeNull();
    expect(currencyExponent('XYZ')).toBeNull();
  });
});
