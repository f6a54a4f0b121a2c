import { describe, expect, it } from 'vitest';
import { initials, maskEmail, maskIdentifier, maskPhone, maskTraits, traitKind } from './masking';

describe('masking personal values for role reader', () => {
  it('given an e-mail address, then only its first character and its domain remain', () => {
    expect(maskEmail('li.lei@example.com')).toBe('l***@example.com');
    expect(maskEmail('not-an-address')).toBe('***');
  });

  it('given an E.164 phone number, then its country code and last four digits remain', () => {
    expect(maskPhone('+8613800138000')).toBe('+86 *** **** 8000');
    expect(maskPhone('+16502530000')).toBe('+1 *** **** 0000');
    expect(maskPhone('138 0013 8000')).toBe('*** **** 8000');
    expect(maskPhone('12')).toBe('***');
  });

  it('given names, then they become initials', () => {
    expect(initials('Zoë Ångström')).toBe('Z. Å.');
    expect(initials('李雷')).toBe('李.');
    expect(initials('  ')).toBe('***');
  });

  it('given other identifiers, then only their first and last two characters remain', () => {
    expect(maskIdentifier('loyalty_id', 'LOY12345678')).toBe('L***78');
    expect(maskIdentifier('user_id', 'u-1')).toBe('***');
    expect(maskIdentifier('email', 'zoe@example.ch')).toBe('z***@example.ch');
  });

  it('given trait keys in the usual spellings, then their kind is recognised', () => {
    expect(
      ['firstName', 'last_name', 'name', 'Email', 'phone_number', 'mobile', 'birthday', 'address', 'plan'].map(
        traitKind,
      ),
    ).toEqual(['name', 'name', 'name', 'email', 'phone', 'phone', 'personal', 'personal', null]);
  });

  it('given traits, then personal ones are masked by kind and the others are kept', () => {
    expect(
      maskTraits({
        name: 'Li Lei',
        email: 'li.lei@example.com',
        phone: '+8613800138000',
        address: { city: 'Zürich' },
        birthday: '1990-05-01',
        plan: 'gold',
        newsletter: true,
      }),
    ).toEqual({
      name: 'L. L.',
      email: 'l***@example.com',
      phone: '+86 *** **** 8000',
      address: '***',
      birthday: '***',
      plan: 'gold',
      newsletter: true,
    });
  });
});
