import type { IdentifierType } from '@c360/touchpoint';
import { describe, expect, it } from 'vitest';
import { matchable, normaliseIdentifier, normaliseIdentifiers } from './normalise';
import { DEFAULT_IDENTITY_POLICY, identityPolicy } from './policy';

const policy = DEFAULT_IDENTITY_POLICY;
const normalise = (type: IdentifierType, value: string) => normaliseIdentifier({ type, value }, policy);

describe('normalisation common to every type', () => {
  it('given only whitespace, then the identifier is invalid as empty', () => {
    expect(normalise('user_id', ' \t\u00a0 ')).toEqual({
      type: 'user_id',
      value: '',
      status: 'invalid',
      reason: 'empty after trimming',
    });
  });

  it('given a value of 513 characters, then it is invalid; 512 is accepted', () => {
    expect(normalise('payment_token', 'x'.repeat(512)).status).toBe('valid');
    expect(normalise('payment_token', 'x'.repeat(513))).toMatchObject({
      status: 'invalid',
      reason: 'longer than 512 characters',
    });
  });

  it('given opaque ids, then they are trimmed and NFC but keep their case and punctuation', () => {
    expect(normalise('user_id', '  U-42/Ab ')).toEqual({ type: 'user_id', value: 'U-42/Ab', status: 'valid' });
    expect(normalise('customer_number', ' CN-0042 ').value).toBe('CN-0042');
    expect(normalise('device_id', ' 6F9619FF-8B86-D011-B42D-00C04FC964FF ').value).toBe(
      '6F9619FF-8B86-D011-B42D-00C04FC964FF',
    );
    expect(normalise('anonymous_id', 'anon-1').value).toBe('anon-1');
    expect(normalise('payment_token', 'tok_1AbC').value).toBe('tok_1AbC');
    expect(normalise('other', 'Jose\u0301').value).toBe('Jos\u00e9');
  });
});

describe('type-specific normalisation', () => {
  it('given a loyalty card number printed with spaces or dashes, then both spellings become one id', () => {
    expect(normalise('loyalty_id', 'ab 1234 5678')).toEqual({
      type: 'loyalty_id',
      value: 'AB12345678',
      status: 'valid',
    });
    expect(normalise('loyalty_id', 'AB-1234-5678').value).toBe('AB12345678');
    expect(normalise('loyalty_id', ' - - ')).toMatchObject({
      status: 'invalid',
      reason: 'empty after removing spaces and dashes',
    });
  });

  it('given a SHA-256 hex digest in upper case, then it is lower-cased; anything else is invalid', () => {
    const digest = 'B4C9A289323B21A01C3E940F150EB9B8C542587F1ABFD8F0E1CC1FFC5E475514';
    expect(normalise('hashed_email', digest)).toEqual({
      type: 'hashed_email',
      value: digest.toLowerCase(),
      status: 'valid',
    });
    expect(normalise('hashed_email', digest.slice(1))).toMatchObject({
      status: 'invalid',
      reason: 'not a SHA-256 hex digest (64 hex characters)',
    });
    expect(normalise('hashed_email', `${digest.slice(1)}g`).status).toBe('invalid');
  });
});

describe('normaliseIdentifiers', () => {
  it('given spellings of the same identifier, then the first occurrence is kept in order', () => {
    const result = normaliseIdentifiers(
      [
        { type: 'email', value: 'Li@Example.com' },
        { type: 'phone', value: '+86 138 0013 8000' },
        { type: 'email', value: ' li@example.com ' },
        { type: 'user_id', value: 'li@example.com' },
        { type: 'phone', value: '0086 13800138000' },
        { type: 'email', value: 'LI@EXAMPLE.COM' },
      ],
      policy,
    );
    expect(result.map(({ type, value }) => [type, value])).toEqual([
      ['email', 'li@example.com'],
      ['phone', '+8613800138000'],
      ['user_id', 'li@example.com'],
    ]);
  });

  it('given the same invalid value twice, then it is reported once', () => {
    const result = normaliseIdentifiers(
      [
        { type: 'phone', value: 'n/a' },
        { type: 'phone', value: ' n/a' },
      ],
      policy,
    );
    expect(result).toHaveLength(1);
    expect(result[0]!.status).toBe('invalid');
  });

  it('given no identifiers, then none come back', () => {
    expect(normaliseIdentifiers([], policy)).toEqual([]);
  });
});

describe('matchable', () => {
  it('given valid, invalid, blocked and other identifiers, then only valid ones of matchable types remain', () => {
    const ids = normaliseIdentifiers(
      [
        { type: 'email', value: 'li@example.com' },
        { type: 'email', value: 'not-an-address' },
        { type: 'email', value: 'noreply@shop.com' },
        { type: 'other', value: 'crm:42' },
        { type: 'user_id', value: 'u-42' },
      ],
      policy,
    );
    expect(ids.map((id) => id.status)).toEqual(['valid', 'invalid', 'blocked', 'valid', 'valid']);
    expect(matchable(ids, policy)).toEqual([
      { type: 'email', value: 'li@example.com', status: 'valid' },
      { type: 'user_id', value: 'u-42', status: 'valid' },
    ]);
  });

  it('given a policy that makes other matchable and e-mail not, then the policy decides', () => {
    const custom = identityPolicy({ types: { other: { matchable: true }, email: { matchable: false } } });
    const ids = normaliseIdentifiers(
      [
        { type: 'email', value: 'li@example.com' },
        { type: 'other', value: 'crm:42' },
      ],
      custom,
    );
    expect(matchable(ids, custom).map((id) => id.type)).toEqual(['other']);
  });
});
