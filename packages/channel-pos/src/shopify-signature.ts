import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify webhook verification (shopify.dev/docs/apps/build/webhooks/subscribe/https):
 * `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body under the app's
 * client secret. The body must be the bytes as received: re-serialised JSON would not verify.
 */
export const SHOPIFY_HMAC_HEADER = 'x-shopify-hmac-sha256';

export function shopifyVerifier(secret: string): (hmac: string | undefined, body: Buffer) => boolean {
  if (secret === '') throw new Error('Shopify webhook secret must be non-empty');
  return (hmac, body) => {
    if (!hmac) return false;
    const expected = createHmac('sha256', secret).update(body).digest();
    const given = Buffer.from(hmac.trim(), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
}

/** What Shopify would send for `body`: for tests and for re-signing a repaired body. */
export const shopifyHmac = (secret: string, body: Buffer | string): string =>
  createHmac('sha256', secret).update(body).digest('base64');
