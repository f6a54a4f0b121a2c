import type { PosLine } from '@c360/touchpoint';
import { isObject } from './fields';
import type { PosSale } from './pos-sale';
import { ShopifyReader, skuOf, type ShopifyCheck, type ShopifyCheckOptions } from './shopify-order';

/**
 * `refunds/create` (Shopify Admin REST Refund) → item_returned with negative quantities
 * and a negative total. Id = `refunds/<id>`; the order's id is `originalReceiptNumber`
 * (the receipt number orders get). The total is what the successful refund transactions
 * paid back; with none (a return without money back) the refunded lines' subtotals.
 * The currency is the transactions' (else the lines' shop money).
 */
export function checkShopifyRefund(value: unknown, options: ShopifyCheckOptions): ShopifyCheck {
  if (!isObject(value)) return { ok: false, issues: [{ path: '(body)', message: 'must be a JSON object' }] };
  const r = new ShopifyReader('');
  const id = r.id(value, 'id');
  const orderId = r.id(value, 'order_id');
  const occurredAt = r.timestamp(value, 'created_at');
  const transactions = (Array.isArray(value.transactions) ? value.transactions : []).filter(
    (t) => isObject(t) && t.kind === 'refund' && (t.status === undefined || t.status === 'success'),
  ) as Record<string, unknown>[];
  const firstLine = Array.isArray(value.refund_line_items) ? value.refund_line_items[0] : undefined;
  const shopMoney =
    (isObject(firstLine) && isObject(firstLine.subtotal_set) && firstLine.subtotal_set.shop_money) || {};
  const currencySource = transactions[0] ?? (isObject(shopMoney) ? { currency: shopMoney.currency_code } : {});
  const currency = r.currency(currencySource, 'currency', transactions[0] ? 'transactions[0].currency' : 'currency');

  const items = value.refund_line_items;
  const lines: PosLine[] = [];
  let refundedSubtotal = 0;
  let refundedTax = 0;
  if (!Array.isArray(items) || items.length === 0) r.fail('refund_line_items', 'must be a non-empty array');
  else {
    items.forEach((item, i) => {
      const at = `refund_line_items[${i}]`;
      if (!isObject(item) || !isObject(item.line_item)) return void r.fail(`${at}.line_item`, 'must be an object');
      const line = item.line_item;
      const sku = skuOf(line) ?? r.fail(`${at}.line_item.sku`, 'is required (or variant_id)');
      const name = r.string(line, 'title', true, `${at}.line_item.title`);
      const quantity = r.integer(item, 'quantity', null, { min: 1 });
      if (quantity === null) r.fail(`${at}.quantity`, 'must be an integer >= 1');
      const unitPrice = r.money(line, 'price', `${at}.line_item.price`, true);
      refundedSubtotal += r.money(item, 'subtotal', `${at}.subtotal`) ?? 0;
      refundedTax += r.money(item, 'total_tax', `${at}.total_tax`) ?? 0;
      if (sku && name && quantity && unitPrice !== null && currency) {
        lines.push({ sku, name, category: r.string(line, 'product_type'), quantity: -quantity, unitPrice, currency });
      }
    });
  }
  let paidBack = 0;
  transactions.forEach((t, i) => {
    paidBack += r.money(t, 'amount', `transactions[${i}].amount`, true) ?? 0;
  });

  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  const total = -(transactions.length > 0 ? paidBack : refundedSubtotal + refundedTax);
  const sale: PosSale = {
    system: options.system,
    sourceId: `refunds/${id}`,
    type: 'item_returned',
    occurredAt: occurredAt!,
    identifiers: [],
    payload: {
      storeId: options.delivery.shopDomain ?? 'shopify',
      registerId: null,
      cashierId: null,
      receiptNumber: id!,
      originalReceiptNumber: orderId,
      currency: currency!,
      lines,
      subtotal: lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
      discount: 0,
      tax: -refundedTax,
      total,
      coupons: [],
      paymentMethod: typeof transactions[0]?.gateway === 'string' ? transactions[0].gateway : null,
      pointsEarned: 0,
      pointsRedeemed: 0,
    },
    context: {
      orderId: orderId ?? undefined,
      refundNote: r.string(value, 'note') ?? undefined,
      webhookId: options.delivery.webhookId ?? undefined,
    },
  };
  return { ok: true, sale };
}
