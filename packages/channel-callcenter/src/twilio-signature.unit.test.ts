import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature';

// The worked example of Twilio's security guide and helper libraries.
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: [string, string][] = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+14158675309'],
  ['Digits', '1234'],
  ['From', '+14158675309'],
  ['To', '+18005551212'],
];

describe('Twilio request signature', () => {
  it("given Twilio's documented example, when signed, then the documented signature results", () => {
    expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('given the parameters in another order, then the signature is the same (they are sorted by name)', () => {
    expect(twilioSignature(TOKEN, URL_, [...PARAMS].reverse())).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });

  it('given a changed parameter, a wrong token or no signature, then verification fails', () => {
    const signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';
    const changed: [string, string][] = PARAMS.map(([k, v]) => [k, k === 'Digits' ? '9999' : v]);
    expect(verifyTwilioSignature({ authToken: TOKEN, url: URL_, params: PARAMS, signature })).toBe(true);
    expect(verifyTwilioSignature({ authToken: TOKEN, url: URL_, params: changed, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken: '54321', url: URL_, params: PARAMS, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken: TOKEN, url: URL_, params: PARAMS, signature: undefined })).toBe(false);
  });

  it('given a signature computed over the URL with :443, then the URL without the port verifies too', () => {
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
    const signature = twilioSignature(TOKEN, withPort, PARAMS);
    expect(verifyTwilioSignature({ authToken: TOKEN, url: URL_, params: PARAMS, signature })).toBe(true);
  });
});
