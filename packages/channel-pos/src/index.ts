/**
 * @c360/channel-pos — point-of-sale channel adapters for the collector: generic receipts
 * from tills (JSON, or a CSV export streamed row by row) and Shopify's order and refund
 * webhooks.
 */
export { posReceiptsAdapter, MAX_RECEIPTS, RECEIPTS_MAX_BODY_BYTES, type PosReceiptsOptions } from './receipts-adapter';
export { posReceiptsCsvAdapter, type PosReceiptsCsvOptions } from './receipts-csv-adapter';
export { RECEIPT_CSV_COLUMNS } from './receipts-csv';
export { shopifyAdapter, SHOPIFY_MAX_BODY_BYTES, type ShopifyOptions } from './shopify-adapter';
export { SHOPIFY_HMAC_HEADER, shopifyHmac } from './shopify-signature';
export { currencyExponent, toMinorUnits } from './money';
export { containsCardNumber, redactCardNumbers } from '@c360/channels';
