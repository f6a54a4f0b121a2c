import { ValidationError } from '@c360/errors';
import { IDENTIFIER_TYPES } from '@c360/touchpoint';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_POLICY, identityPolicy, type IdentityPolicyOverrides } from './policy';

function validationIssues(overrides: IdentityPolicyOverrides): { path: string; message: string }[] {
  try {
    identityPolicy(overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('invalid_identity_policy');
    return [...(error as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

describe('default identity policy', () => {
  it('given the defaults, then every identifier type has a rule, ranked user_id first and other last', () => {
    const byRank = [...IDENTIFIER_TYPES].sort(
      (a, b) => DEFAULT_IDENTITY_POLICY.types[b].rank - DEFAULT_IDENTITY_POLICY.types[a].rank,
    );
    expect(byRank).toEqual([
      'user_id',
      'customer_number',
      'email',
      'phone',
      'loyalty_id',
      'payment_token',
      'hashed_email',
      'device_id',
      'anonymous_id',
      'other',
    ]);
    expect(Object.keys(DEFAULT_IDENTITY_POLICY.blocked).sort()).toEqual([...IDENTIFIER_TYPES].sort());
  });

  it('given the defaults, then limits are one user_id and customer_number, five e-mails, fifty anonymous ids', () => {
    const limits = Object.fromEntries(IDENTIFIER_TYPES.map((t) => [t, DEFAULT_IDENTITY_POLICY.types[t].limit]));
    expect(limits).toEqual({
      user_id: 1,
      customer_number: 1,
      email: 5,
      phone: 5,
      loyalty_id: 5,
      payment_token: 10,
      hashed_email: 5,
      device_id: 10,
      anonymous_id: 50,
      other: 10,
    });
  });

  it('given the defaults, then only other is not matchable, and the version and region are set', () => {
    const notMatchable = IDENTIFIER_TYPES.filter((t) => !DEFAULT_IDENTITY_POLICY.types[t].matchable);
    expect(notMatchable).toEqual(['other']);
    expect(DEFAULT_IDENTITY_POLICY.ruleVersion).toBe('identity-rules/1');
    expect(DEFAULT_IDENTITY_POLICY.defaultRegion).toBe('US');
  });

  it('given the defaults, when someone tries to change them in place, then they cannot', () => {
    expect(() => {
      (DEFAULT_IDENTITY_POLICY.types.email as { limit: number }).limit = 99;
    }).toThrow(TypeError);
    expect(() => (DEFAULT_IDENTITY_POLICY.blocked.email.values as string[]).push('x@y.com')).toThrow(TypeError);
    expect(DEFAULT_IDENTITY_POLICY.types.email.limit).toBe(5);
  });
});

describe('identityPolicy overrides', () => {
  it('given no overrides, then the result equals the defaults', () => {
    expect(identityPolicy()).toEqual(DEFAULT_IDENTITY_POLICY);
  });

  it('given a partial rule, then only that field changes and other types keep their defaults', () => {
    const policy = identityPolicy({ ruleVersion: 'identity-rules/2', types: { email: { limit: 3 } } });
    expect(policy.ruleVersion).toBe('identity-rules/2');
    expect(policy.types.email).toEqual({ ...DEFAULT_IDENTITY_POLICY.types.email, limit: 3 });
    expect(policy.types.phone).toEqual(DEFAULT_IDENTITY_POLICY.types.phone);
    expect(DEFAULT_IDENTITY_POLICY.types.email.limit).toBe(5);
  });

  it('given a region, then it becomes the default region for phone numbers', () => {
    expect(identityPolicy({ defaultRegion: 'GB' }).defaultRegion).toBe('GB');
  });

  it('given a block list with only values, then values are replaced and the default patterns stay', () => {
    const values = [...DEFAULT_IDENTITY_POLICY.blocked.email.values, 'shop@our-store.com'];
    const policy = identityPolicy({ blocked: { email: { values } } });
    expect(policy.blocked.email.values).toContain('shop@our-store.com');
    expect(policy.blocked.email.values).toContain('test@test.com');
    expect(policy.blocked.email.patterns).toEqual(DEFAULT_IDENTITY_POLICY.blocked.email.patterns);
  });

  it('given override arrays, when the policy is built, then the caller’s arrays stay mutable and unshared', () => {
    const values = ['x@shop.com'];
    const policy = identityPolicy({ blocked: { email: { values } } });
    values.push('y@shop.com');
    expect(policy.blocked.email.values).toEqual(['x@shop.com']);
  });

  it('given a bad rank and limit, then the validation error names both paths', () => {
    expect(validationIssues({ types: { email: { rank: -1, limit: 0 } } })).toEqual([
      { path: 'types.email.rank', message: 'must be an integer ≥ 0' },
      { path: 'types.email.limit', message: 'must be an integer ≥ 1' },
    ]);
    expect(validationIssues({ types: { phone: { limit: 2.5 } } })).toEqual([
      { path: 'types.phone.limit', message: 'must be an integer ≥ 1' },
    ]);
  });

  it('given an unknown region, then the validation error names defaultRegion', () => {
    const issues = validationIssues({ defaultRegion: 'XX' });
    expect(issues.map((issue) => issue.path)).toEqual(['defaultRegion']);
    expect(() => identityPolicy({ defaultRegion: 'gb' })).toThrow(/defaultRegion/);
  });

  it('given an empty rule version, an unknown type, a non-boolean flag, then each is reported', () => {
    const overrides = {
      ruleVersion: ' ',
      types: { fax: { rank: 1 }, user_id: { matchable: 'yes' } },
    } as unknown as IdentityPolicyOverrides;
    expect(validationIssues(overrides).map((issue) => issue.path)).toEqual([
      'ruleVersion',
      'types.fax',
      'types.user_id.matchable',
    ]);
  });

  it('given a global pattern or a non-string value, then the block list is rejected with its path', () => {
    const overrides = {
      blocked: { phone: { patterns: [/^\+1555/g] }, email: { values: [42] } },
    } as unknown as IdentityPolicyOverrides;
    expect(validationIssues(overrides)).toEqual([
      { path: 'blocked.email.values[0]', message: 'must be a string' },
      { path: 'blocked.phone.patterns[0]', message: 'must not have the g or y flag' },
    ]);
  });
});
