import type { IdentifierType } from '@c360/touchpoint';
import { describe, expect, it } from 'vitest';
import { normaliseIdentifier } from './normalise';
import { DEFAULT_IDENTITY_POLICY, identityPolicy, type IdentityPolicy } from './policy';

const statusOf = (type: IdentifierType, value: string, policy: IdentityPolicy = DEFAULT_IDENTITY_POLICY) =>
  normaliseIdentifier({ type, value }, policy).status;

describe('default blocked values (merge protection)', () => {
  it('given placeholder e-mail local parts at any domain, then they are blocked after lower-casing', () => {
    for (const value of [
      'noreply@shop.com',
      'No-Reply@Shop.com',
      'DoNotReply@bank.co.uk',
      'do-not-reply@bank.co.uk',
      'test@gmail.com',
      'null@x.de',
      'none@none.com',
      'unknown@till.local.net',
      'anonymous@shop.com',
      'noemail@shop.com',
      'invalid@shop.com',
    ]) {
      expect([value, statusOf('email', value)]).toEqual([value, 'blocked']);
    }
  });

  it('given well-known fake addresses, then they are blocked whatever their case', () => {
    expect(normaliseIdentifier({ type: 'email', value: ' TEST@Test.com ' }, DEFAULT_IDENTITY_POLICY)).toEqual({
      type: 'email',
      value: 'test@test.com',
      status: 'blocked',
      reason: 'blocked email value (policy blocked.email.values)',
    });
    expect(statusOf('email', 'a@a.com')).toBe('blocked');
    expect(statusOf('email', 'email@email.com')).toBe('blocked');
  });

  it('given anything at example.com or example.org, then it stays valid (RFC 2606, used by tests)', () => {
    for (const value of ['test@example.com', 'noreply@example.org', 'unknown@Example.COM', 'li@example.com']) {
      expect([value, statusOf('email', value)]).toEqual([value, 'valid']);
    }
    expect(statusOf('email', 'noreply@example.org.uk')).toBe('blocked');
    expect(statusOf('email', 'tester@shop.com')).toBe('valid');
  });

  it('given phones of one repeated digit or a keyboard run, then they are blocked; real numbers are not', () => {
    expect(statusOf('phone', '+44 7777 777777')).toBe('blocked');
    expect(statusOf('phone', '+86 133 3333 3333')).toBe('blocked');
    expect(statusOf('phone', '01234 567890', identityPolicy({ defaultRegion: 'GB' }))).toBe('blocked');
    expect(statusOf('phone', '(234) 567-8901')).toBe('blocked');
    expect(normaliseIdentifier({ type: 'phone', value: '+1 234 567 8901' }, DEFAULT_IDENTITY_POLICY)).toMatchObject({
      value: '+12345678901',
      reason: expect.stringContaining('blocked.phone.patterns[1]'),
    });
    expect(statusOf('phone', '+86 138 0013 8000')).toBe('valid');
    expect(statusOf('phone', '+44 20 7946 0018')).toBe('valid');
  });

  it('given user ids that are markers for "no user", then they are blocked in any case', () => {
    for (const value of ['null', 'undefined', 'None', 'NIL', '0', '-1', 'Anonymous', 'guest', 'unknown', 'TEST']) {
      expect([value, statusOf('user_id', value)]).toEqual([value, 'blocked']);
    }
    expect(statusOf('user_id', '10')).toBe('valid');
    expect(statusOf('user_id', 'guest-7')).toBe('valid');
  });

  it('given loyalty ids and customer numbers of zeros or one repeated digit, then they are blocked', () => {
    expect(statusOf('loyalty_id', '0000 0000')).toBe('blocked');
    expect(statusOf('loyalty_id', '9999-9999')).toBe('blocked');
    expect(statusOf('loyalty_id', '1234 5678')).toBe('valid');
    expect(statusOf('customer_number', '000000')).toBe('blocked');
    expect(statusOf('customer_number', '111-111')).toBe('blocked');
    expect(statusOf('customer_number', '100000')).toBe('valid');
  });

  it('given nil UUIDs and unknown markers as device or anonymous ids, then they are blocked', () => {
    expect(statusOf('device_id', '00000000-0000-0000-0000-000000000000')).toBe('blocked');
    expect(statusOf('device_id', 'UNKNOWN')).toBe('blocked');
    expect(statusOf('device_id', '6F9619FF-8B86-D011-B42D-00C04FC964FF')).toBe('valid');
    expect(statusOf('anonymous_id', '00000000000000000000000000000000')).toBe('blocked');
    expect(statusOf('anonymous_id', 'undefined')).toBe('blocked');
    expect(statusOf('anonymous_id', '2f1c3a6e-7c1d-4d59-9f0e-4b7f2c1e9a10')).toBe('valid');
  });

  it('given the SHA-256 of the empty string as hashed e-mail, then it is blocked', () => {
    expect(statusOf('hashed_email', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855')).toBe(
      'blocked',
    );
  });

  it('given a policy that blocks a shop’s own address, then it is blocked while the defaults still apply', () => {
    const policy = identityPolicy({
      blocked: { email: { values: [...DEFAULT_IDENTITY_POLICY.blocked.email.values, 'kasse@laden.de'] } },
    });
    expect(normaliseIdentifier({ type: 'email', value: 'Kasse@Laden.de' }, policy)).toMatchObject({
      status: 'blocked',
      value: 'kasse@laden.de',
    });
    expect(statusOf('email', 'test@test.com', policy)).toBe('blocked');
    expect(statusOf('email', 'kasse@laden.de')).toBe('valid');
  });

  it('given a policy with no blocked user ids, then a marker value is valid again', () => {
    const policy = identityPolicy({ blocked: { user_id: { patterns: [] } } });
    expect(statusOf('user_id', 'guest', policy)).toBe('valid');
  });
});
