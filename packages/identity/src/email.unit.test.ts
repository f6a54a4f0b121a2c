import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, type NormalisedIdentifier } from './normalise';
import { DEFAULT_IDENTITY_POLICY } from './policy';

const email = (value: string): NormalisedIdentifier =>
  normaliseIdentifier({ type: 'email', value }, DEFAULT_IDENTITY_POLICY);
const reasonFor = (value: string) => {
  const result = email(value);
  return result.status === 'valid' ? undefined : result.reason;
};

describe('e-mail normalisation', () => {
  it('given upper case and surrounding spaces, then the address is trimmed and lower-cased', () => {
    expect(email('  Li.Lei@Example.COM \n')).toEqual({ type: 'email', value: 'li.lei@example.com', status: 'valid' });
  });

  it('given an internationalised domain, then it stays in Unicode, lower-cased and NFC', () => {
    expect(email('Kunde@Bücher.DE')).toEqual({ type: 'email', value: 'kunde@bücher.de', status: 'valid' });
    // u + combining diaeresis (NFD) and ü (NFC) are one address.
    expect(email('kunde@bu\u0308cher.de').value).toBe('kunde@b\u00fccher.de');
    expect(email('李雷@例子.中国')).toMatchObject({ value: '李雷@例子.中国', status: 'valid' });
  });

  it('given implausible addresses, then each is invalid with the reason', () => {
    expect(reasonFor('li.example.com')).toBe('not a plausible e-mail address: must contain exactly one @');
    expect(reasonFor('li@lei@example.com')).toBe('not a plausible e-mail address: must contain exactly one @');
    expect(reasonFor('@example.com')).toBe('not a plausible e-mail address: local part is empty');
    expect(reasonFor('li@localhost')).toBe('not a plausible e-mail address: domain has no dot');
    expect(reasonFor('li@example..com')).toBe('not a plausible e-mail address: domain has an empty label');
    expect(reasonFor('li@example.com.')).toBe('not a plausible e-mail address: domain has an empty label');
    expect(reasonFor('li lei@example.com')).toBe(
      'not a plausible e-mail address: contains whitespace or control characters',
    );
  });

  it('given a local part of 65 characters or an address of 255, then they are invalid', () => {
    expect(email(`${'a'.repeat(64)}@example.com`).status).toBe('valid');
    expect(reasonFor(`${'a'.repeat(65)}@example.com`)).toBe(
      'not a plausible e-mail address: local part longer than 64 characters',
    );
    const domain = `${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(email(`${'a'.repeat(58)}@${domain}`).value).toHaveLength(254);
    expect(email(`${'a'.repeat(58)}@${domain}`).status).toBe('valid');
    expect(reasonFor(`${'a'.repeat(59)}@${domain}`)).toBe('not a plausible e-mail address: longer than 254 characters');
  });
});
