import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, type NormalisedIdentifier } from './normalise';
import { DEFAULT_IDENTITY_POLICY, identityPolicy, type IdentityPolicy } from './policy';

const phone = (value: string, policy: IdentityPolicy = DEFAULT_IDENTITY_POLICY): NormalisedIdentifier =>
  normaliseIdentifier({ type: 'phone', value }, policy);
const valid = (value: string) => ({ type: 'phone', value, status: 'valid' });

describe('phone normalisation', () => {
  it('given a Chinese mobile in international format, then it becomes E.164', () => {
    expect(phone('+86 138 0013 8000')).toEqual(valid('+8613800138000'));
  });

  it('given a national number, then the policy region decides the country', () => {
    expect(phone('138 0013 8000', identityPolicy({ defaultRegion: 'CN' }))).toEqual(valid('+8613800138000'));
    expect(phone('020 7946 0018', identityPolicy({ defaultRegion: 'GB' }))).toEqual(valid('+442079460018'));
    expect(phone('(213) 373-4253')).toEqual(valid('+12133734253'));
  });

  it('given the same national digits under the wrong region, then they are not a valid number', () => {
    expect(phone('13800138000')).toEqual({
      type: 'phone',
      value: '13800138000',
      status: 'invalid',
      reason: 'not a valid phone number for region US',
    });
  });

  it('given the 00 international prefix, then it is read as + whatever the default region', () => {
    expect(phone('0044 20 7946 0018')).toEqual(valid('+442079460018'));
    expect(phone('0086-138-0013-8000', identityPolicy({ defaultRegion: 'GB' }))).toEqual(valid('+8613800138000'));
    expect(phone('001 213 373 4253', identityPolicy({ defaultRegion: 'GB' }))).toEqual(valid('+12133734253'));
  });

  it('given a number of the right length in an unassigned range, then the full metadata rejects it', () => {
    // 07700 900xxx is Ofcom's range reserved for drama: well formed, never assigned.
    expect(phone('07700 900123', identityPolicy({ defaultRegion: 'GB' }))).toEqual({
      type: 'phone',
      value: '07700 900123',
      status: 'invalid',
      reason: 'not a valid phone number for region GB',
    });
    expect(phone('555-0100')).toMatchObject({ status: 'invalid', reason: 'not a valid phone number for region US' });
  });

  it('given text that is not a number, then the reason carries the parser’s code', () => {
    expect(phone('call me')).toMatchObject({
      status: 'invalid',
      reason: 'not a valid phone number for region US (NOT_A_NUMBER)',
    });
    expect(phone('Phone: 213-373-4253')).toMatchObject({ status: 'invalid' });
    expect(phone('+999 123')).toMatchObject({
      status: 'invalid',
      reason: 'not a valid phone number in international format (INVALID_COUNTRY)',
    });
  });

  it('given full-width digits or an extension, then the E.164 form of the line is kept', () => {
    expect(phone('１３８００１３８０００', identityPolicy({ defaultRegion: 'CN' }))).toEqual(valid('+8613800138000'));
    expect(phone('(213) 373-4253 ext. 12')).toEqual(valid('+12133734253'));
  });
});
