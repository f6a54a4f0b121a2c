import { describe, expect, it } from 'vitest';
import { cardNumberPaths, containsCardNumber, gtinValid, redactCardNumbers } from './card-number';

describe('card number detection', () => {
  it.each([
    ['4111111111111111'],
    ['paid with 4111 1111 1111 1111'],
    ['card 5500-0000-0000-0004 thanks'],
    ['378282246310005'],
    ['6011000990139424'],
  ])('given %s, when scanned, then it is a card number', (text) => {
    expect(containsCardNumber(text)).toBe(true);
  });

  it.each([
    ['4111111111111112'],
    ['receipt 0412-3-000987'],
    ['SW-4410-2207-88'],
    ['+16502530000'],
    ['41111111111111111111'],
  ])('given %s, when scanned, then it is not a card number', (text) => {
    expect(containsCardNumber(text)).toBe(false);
  });

  it('given a note with a card number, when redacted, then the digits are gone and the rest stays', () => {
    expect(redactCardNumbers('paid with 4111 1111 1111 1111, ok')).toBe('paid with [REDACTED PAN], ok');
  });

  it('given a barcode SKU that also passes Luhn, when scanned, then only free text is flagged', () => {
    expect(gtinValid('4901234567894')).toBe(true);
    expect(containsCardNumber('4901234567894')).toBe(true);
    const receipt = { lines: [{ sku: '4901234567894', name: 'rice 4901234567894' }] };
    expect(cardNumberPaths(receipt)).toEqual(['lines[0].name']);
  });
});
