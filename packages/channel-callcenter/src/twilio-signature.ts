import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's webhook signature (https://www.twilio.com/docs/usage/security#validating-requests):
 * take the full URL Twilio requested (scheme, host, path and query string, without any
 * basic-auth credentials), append every POST parameter sorted by name as name + value
 * with no delimiters, sign the UTF-8 text with HMAC-SHA1 keyed by the account's auth
 * token, and send it base64-encoded in `X-Twilio-Signature`.
 */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** The signature of one request. Repeated names keep each value, sorted by name then value, as Twilio's libraries do. */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const pairs = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const text = pairs.reduce((acc, [name, value]) => acc + name + value, url);
  return createHmac('sha1', authToken).update(Buffer.from(text, 'utf8')).digest('base64');
}

/**
 * True when `signature` matches the URL as given or with its default port added or removed
 * (Twilio's helper libraries accept both: a proxy may add or strip `:443`).
 */
export function verifyTwilioSignature(input: {
  authToken: string;
  url: string;
  params: [string, string][];
  signature: string | undefined;
}): boolean {
  if (!input.signature) return false;
  const given = Buffer.from(input.signature, 'utf8');
  return urlVariants(input.url).some((url) => {
    const expected = Buffer.from(twilioSignature(input.authToken, url, input.params), 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function urlVariants(text: string): string[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [text];
  }
  const port = url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
  if (url.port !== '' || port === '') return [text];
  const withPort = `${url.protocol}//${url.host}:${port}${url.pathname}${url.search}`;
  return [text, withPort];
}
