import { ValidationError } from '@c360/errors';
import { describe, expect, it } from 'vitest';
import { TOUCHPOINT_ID_NAMESPACE, touchpointId, uuidV5 } from './touchpoint-id';

describe('touchpointId', () => {
  it('given the same system and source id twice, when derived, then the ids are equal', () => {
    const a = touchpointId({ system: 'pos-eu', sourceId: 'receipt-0192' });
    expect(touchpointId({ system: 'pos-eu', sourceId: 'receipt-0192' })).toBe(a);
  });

  it('given a fixed input, when derived, then the id is pinned (changing the scheme would break idempotency)', () => {
    // Reference: Python's uuid.uuid5(UUID('b2853edb-8cce-4eb5-bf71-5096c0886933'), '["pos-eu","receipt-0192"]').
    expect(touchpointId({ system: 'pos-eu', sourceId: 'receipt-0192' })).toBe('1d9d7ad2-36c3-5167-81e7-63e0d90cc5c0');
  });

  it('given the same source id from two systems, when derived, then the ids differ', () => {
    expect(touchpointId({ system: 'shop-web', sourceId: '42' })).not.toBe(
      touchpointId({ system: 'pos-eu', sourceId: '42' }),
    );
  });

  it('given pairs that concatenate to the same text, when derived, then the ids differ', () => {
    expect(touchpointId({ system: 'ab', sourceId: 'c' })).not.toBe(touchpointId({ system: 'a', sourceId: 'bc' }));
  });

  it('given a non-ASCII source id, when derived, then it is deterministic and distinct', () => {
    const id = touchpointId({ system: 'genesys-cc', sourceId: '李雷-通话-1' });
    expect(touchpointId({ system: 'genesys-cc', sourceId: '李雷-通话-1' })).toBe(id);
    expect(id).not.toBe(touchpointId({ system: 'genesys-cc', sourceId: '李雷-通话-2' }));
  });

  it('given more sources than the recent ids are kept for, when derived again, then every id is the one derived first', () => {
    const sources = Array.from({ length: 10_000 }, (_, i) => ({ system: 'shop-web', sourceId: `m-${i}` }));
    const first = sources.map(touchpointId);
    expect(sources.map(touchpointId)).toEqual(first);
    expect(first[0]).toBe(uuidV5(TOUCHPOINT_ID_NAMESPACE, '["shop-web","m-0"]'));
  });

  it('given an upper-case system or an empty source id, when derived, then ValidationError names the field', () => {
    expect(() => touchpointId({ system: 'Shopify', sourceId: '1' })).toThrow(ValidationError);
    expect(() => touchpointId({ system: 'shopify', sourceId: '' })).toThrow(/sourceId: must be a non-empty string/);
  });
});

describe('uuidV5', () => {
  it('given the DNS namespace and python.org, when hashed, then it matches the RFC/Python reference value', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('given the URL namespace and a non-ASCII name, when hashed, then it matches Python uuid5 (UTF-8 name)', () => {
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://example.com/李雷')).toBe(
      '0310014d-2cd4-5ae2-99da-4a1d58e1b1f5',
    );
  });
});
