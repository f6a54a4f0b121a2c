/**
 * @c360/channel-pos — point-of-sale channel adapters for the collector: generic JSON
 * receipts from tills and Shopify's order and refund webhooks.
 */
export { posReceiptsAdapter, MAX_RECEIPTS, RECEIPTS_MAX_BODY_BYTES, type PosReceiptsOptions } from './receipts-adapter';
export { shopifyAdapter, SHOPIFY_MAX_BODY_BYTES, type ShopifyOptions } from './shopify-adapter';
export { SHOPIFY_HMAC_HEADER, shopifyHmac } from './shopify-signature';
export { currencyExponent, toMinorUnits } from './money';
export { containsCardNumber, redactCardNumbers } from './card-number';
