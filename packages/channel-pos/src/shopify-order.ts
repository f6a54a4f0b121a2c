import type { ValidationIssue } from '@c360/errors';
import type { IdentityPolicy } from '@c360/identity';
import type { PosLine } from '@c360/touchpoint';
import { isObject, Reader, type JsonObject } from './fields';
import { IdentifierList } from './identifiers';
import { currencyExponent, toMinorUnits } from './money';
import { linesTotal, type PosSale } from './pos-sale';
import { parseIsoTimestamp } from './timestamps';
import type { ShopifyDelivery } from './shopify-webhook';

export interface ShopifyCheckOptions {
  system: string;
  policy: IdentityPolicy;
  delivery: ShopifyDelivery;
}

export type ShopifyCheck = { ok: true; sale: PosSale } | { ok: false; issues: ValidationIssue[] };

/** Reading helpers shared by orders and refunds: money in the record's currency, a date, an id. */
export class ShopifyReader extends Reader {
  exponent: number | null = null;

  currency(object: JsonObject, key: string, field = key): string | null {
    const code = this.string(object, key, true, field);
    this.exponent = code === null ? null : currencyExponent(code);
    if (code !== null && this.exponent === null) this.fail(field, 'must be an ISO 4217 code, e.g. EUR');
    return code;
  }

  money(object: JsonObject, key: string, field = key, required = false): number | null {
    const v = object[key];
    if (v === undefined || v === null) return required ? this.fail(field, 'is required') : null;
    if (this.exponent === null) return null;
    const minor = toMinorUnits(v, this.exponent);
    return typeof minor === 'string' ? this.fail(field, minor) : minor;
  }

  timestamp(object: JsonObject, key: string): number | null {
    const text = this.string(object, key, true);
    if (text === null) return null;
    return parseIsoTimestamp(text) ?? this.fail(key, 'must be an existing ISO 8601 date-time with an offset');
  }

  id(object: JsonObject, key: string, field = key): string | null {
    const v = object[key];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
    if (typeof v === 'string' && /^\d+$/.test(v)) return v;
    return this.fail(field, 'must be a Shopify id (a positive integer)');
  }
}

/** A line's SKU: Shopify allows none; the variant id stands in (`variant:<id>`) so the line still names a product. */
export function skuOf(item: JsonObject): string | null {
  if (typeof item.sku === 'string' && item.sku.trim() !== '') return item.sku.trim();
  if (typeof item.variant_id === 'number') return `variant:${item.variant_id}`;
  if (typeof item.product_id === 'number') return `product:${item.product_id}`;
  return null;
}

/**
 * `orders/create` (Shopify Admin REST Order) → receipt_issued. Id = `orders/<id>`, so a
 * retried webhook, a second subscription or a re-submitted repair is the same touchpoint.
 * Shopify is the system of record for its totals (shipping and duties are in
 * `total_price`), so totals are taken as given, not re-added.
 */
export function checkShopifyOrder(value: unknown, options: ShopifyCheckOptions): ShopifyCheck {
  if (!isObject(value)) return { ok: false, issues: [{ path: '(body)', message: 'must be a JSON object' }] };
  const r = new ShopifyReader('');
  const id = r.id(value, 'id');
  const occurredAt = r.timestamp(value, 'created_at');
  const currency = r.currency(value, 'currency');
  const items = value.line_items;
  const lines: PosLine[] = [];
  if (!Array.isArray(items) || items.length === 0) r.fail('line_items', 'must be a non-empty array');
  else {
    items.forEach((item, i) => {
      const at = `line_items[${i}]`;
      if (!isObject(item)) return void r.fail(at, 'must be an object');
      const sku = skuOf(item) ?? r.fail(`${at}.sku`, 'is required (or variant_id)');
      const name = r.string(item, 'title', true, `${at}.title`);
      const quantity = r.integer(item, 'quantity', null, { min: 1 });
      if (quantity === null) r.fail(`${at}.quantity`, 'must be an integer >= 1');
      const unitPrice = r.money(item, 'price', `${at}.price`, true);
      if (sku && name && quantity && unitPrice !== null && currency) {
        lines.push({ sku, name, category: r.string(item, 'product_type'), quantity, unitPrice, currency });
      }
    });
  }
  const total = r.money(value, 'total_price', 'total_price', true);
  const discount = r.money(value, 'total_discounts') ?? 0;
  const tax = r.money(value, 'total_tax') ?? 0;
  const coupons: string[] = [];
  if (Array.isArray(value.discount_codes)) {
    value.discount_codes.forEach((d, i) => {
      const code = isObject(d)
        ? r.string(d, 'code', true, `discount_codes[${i}].code`)
        : r.fail(`discount_codes[${i}]`, 'must be an object');
      if (code) coupons.push(code);
    });
  }

  const identifiers = new IdentifierList(r, options.policy);
  const customer = isObject(value.customer) ? value.customer : {};
  identifiers.add(
    'email',
    r.string(customer, 'email', false, 'customer.email') ?? r.string(value, 'email'),
    'customer.email',
  );
  identifiers.add(
    'phone',
    r.string(customer, 'phone', false, 'customer.phone') ?? r.string(value, 'phone'),
    'customer.phone',
  );
  if (customer.id !== undefined && customer.id !== null) {
    identifiers.add('customer_number', r.id(customer, 'id', 'customer.id'), 'customer.id');
  }

  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  const gateways = Array.isArray(value.payment_gateway_names) ? value.payment_gateway_names : [];
  return {
    ok: true,
    sale: {
      system: options.system,
      sourceId: `orders/${id}`,
      type: 'receipt_issued',
      occurredAt: occurredAt!,
      identifiers: identifiers.items,
      payload: {
        storeId: options.delivery.shopDomain ?? 'shopify',
        registerId: null,
        cashierId: null,
        receiptNumber: id!,
        originalReceiptNumber: null,
        currency: currency!,
        lines,
        subtotal: linesTotal({ lines }),
        discount,
        tax,
        total: total!,
        coupons,
        paymentMethod: typeof gateways[0] === 'string' ? gateways[0] : null,
        pointsEarned: 0,
        pointsRedeemed: 0,
      },
      context: {
        orderNumber: r.string(value, 'order_number') ?? undefined,
        orderName: r.string(value, 'name') ?? undefined,
        taxesIncluded: value.taxes_included === true ? true : undefined,
        webhookId: options.delivery.webhookId ?? undefined,
      },
    },
  };
}
