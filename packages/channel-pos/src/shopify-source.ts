import { createHmac } from 'node:crypto';
import type { SourceKey, SourceKeyStore } from '@c360/auth';
import { ValidationError } from '@c360/errors';
import { PermissionError } from '@c360/http';

/**
 * Shopify cannot send HTTP Basic credentials: its webhooks are authenticated by their
 * signature alone, and attributed to the shop's own `pos` source — an ordinary source key
 * named `shopify:<shop>.myshopify.com`, created on the shop's first verified delivery.
 * Its write key is derived from the app secret and the shop (HMAC-SHA256), so every
 * collector process finds the same source without coordination (creating a key with a
 * given secret is idempotent in the auth store), and it is never shown: anyone holding
 * the app secret can sign webhooks anyway. Like any source it is listed by the admin
 * routes, owns its quarantined payloads (re-submitted as its own), and can be revoked,
 * which refuses that shop's deliveries with 403.
 */
export const SHOPIFY_SHOP_HEADER = 'x-shopify-shop-domain';

/** Shopify's permanent shop domain: `<handle>.myshopify.com`, lower case. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,99}\.myshopify\.com$/;

export const shopSourceName = (shop: string): string => `shopify:${shop}`;

/** The shop a delivery names, checked; ValidationError `invalid_shop_domain` (400) when absent or not a shop. */
export function shopDomainOf(header: string | undefined): string {
  const shop = header?.trim().toLowerCase() ?? '';
  if (!SHOP_DOMAIN.test(shop)) {
    throw new ValidationError(`${SHOPIFY_SHOP_HEADER} must name the shop as <handle>.myshopify.com`, {
      code: 'invalid_shop_domain',
      issues: [{ path: `(header ${SHOPIFY_SHOP_HEADER})`, message: 'must be <handle>.myshopify.com' }],
    });
  }
  return shop;
}

/** The source bound to a shop, created on first use; PermissionError (403) once it is revoked. */
export function shopSources(sourceKeys: SourceKeyStore, webhookSecret: string) {
  return async (shop: string): Promise<SourceKey> => {
    const writeKey = `wk_shopify_${createHmac('sha256', webhookSecret).update(`c360/shopify-source/${shop}`).digest('base64url')}`;
    const bound = await sourceKeys.verify(writeKey);
    if (bound) return bound;
    const { key } = await sourceKeys.create({ name: shopSourceName(shop), channel: 'pos', writeKey });
    if (key.revokedAt) throw new PermissionError(`the source of shop ${shop} (${key.id}) is revoked`);
    return key;
  };
}
