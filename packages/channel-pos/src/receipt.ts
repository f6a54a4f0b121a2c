import type { ValidationIssue } from '@c360/errors';
import type { IdentityPolicy } from '@c360/identity';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, type PosLine } from '@c360/touchpoint';
import { isObject, Reader, type JsonObject } from './fields';
import { IdentifierList, paymentTokenHash } from './identifiers';
import { currencyExponent, toMinorUnits } from './money';
import { linesTotal, type PosSale } from './pos-sale';
import { parseIsoTimestamp } from './timestamps';

export interface ReceiptCheckOptions {
  system: string;
  policy: IdentityPolicy;
  paymentTokenKey?: Buffer;
}

export type ReceiptCheck = { ok: true; sale: PosSale } | { ok: false; issues: ValidationIssue[] };

/** Lines per receipt: far above a real basket, bounds the work per receipt. */
export const MAX_LINES = 1000;

/**
 * One generic receipt (see the adapter for the shape), checked field by field with
 * paths under `at` (`receipts[3]`, or `` for a lone receipt). Money arrives in major
 * units and leaves in minor units; a given `total` must equal Σ lines − discount + tax
 * (tax not added when `taxIncluded`, as on European receipts) to the minor unit.
 */
export function checkReceipt(value: unknown, at: string, options: ReceiptCheckOptions): ReceiptCheck {
  if (!isObject(value)) return { ok: false, issues: [{ path: at || '(body)', message: 'must be a JSON object' }] };
  const r = new Reader(at);
  const receiptNumber = r.string(value, 'receiptNumber', true);
  const storeId = r.string(value, 'storeId', true);
  const registerId = r.string(value, 'registerId');
  const cashierId = r.string(value, 'cashierId');
  const originalReceiptNumber = r.string(value, 'originalReceiptNumber');
  const paymentMethod = r.string(value, 'paymentMethod');

  const occurredText = r.string(value, 'occurredAt', true);
  const occurredAt = occurredText === null ? null : parseIsoTimestamp(occurredText);
  if (occurredText !== null && occurredAt === null) {
    r.fail('occurredAt', 'must be an existing ISO 8601 date-time with an offset, e.g. 2026-03-14T09:41:07+01:00');
  } else if (occurredAt !== null && (occurredAt < EARLIEST_TIMESTAMP || occurredAt >= LATEST_TIMESTAMP)) {
    r.fail('occurredAt', 'must be between 2000-01-01 and 2100-01-01');
  }

  const currency = r.string(value, 'currency', true);
  const exponent = currency === null ? null : currencyExponent(currency);
  if (currency !== null && exponent === null) r.fail('currency', 'must be an ISO 4217 code in upper case, e.g. EUR');
  const money = (object: JsonObject, key: string, field = key): number | null => {
    if (exponent === null || object[key] === undefined || object[key] === null) return null;
    const minor = toMinorUnits(object[key], exponent);
    return typeof minor === 'string' ? r.fail(field, minor) : minor;
  };

  const lines = readLines(value, r, currency ?? '', money);
  const discount = money(value, 'discount') ?? 0;
  const tax = money(value, 'tax') ?? 0;
  const taxIncluded = value.taxIncluded ?? false;
  if (typeof taxIncluded !== 'boolean') r.fail('taxIncluded', 'must be a boolean');
  const subtotal = linesTotal({ lines });
  const expected = subtotal - discount + (taxIncluded === true ? 0 : tax);
  const total = money(value, 'total');
  if (total !== null && exponent !== null && total !== expected && r.issues.length === 0) {
    r.fail('total', `must equal lines − discount${taxIncluded === true ? '' : ' + tax'} = ${expected} minor units`);
  }
  const coupons = r.strings(value, 'coupons');
  const pointsEarned = r.integer(value, 'pointsEarned', 0, { min: 0 });
  const pointsRedeemed = r.integer(value, 'pointsRedeemed', 0, { min: 0 });

  const identifiers = new IdentifierList(r, options.policy);
  r.strings(value, 'loyaltyCardIds').forEach((id, i) => identifiers.add('loyalty_id', id, `loyaltyCardIds[${i}]`));
  const customer = value.customer === undefined || value.customer === null ? {} : value.customer;
  if (!isObject(customer)) r.fail('customer', 'must be an object');
  else {
    identifiers.add('email', r.string(customer, 'email', false, 'customer.email'), 'customer.email');
    identifiers.add('phone', r.string(customer, 'phone', false, 'customer.phone'), 'customer.phone');
  }
  const paymentToken = r.string(value, 'paymentToken');
  if (paymentToken !== null) {
    if (options.paymentTokenKey)
      identifiers.add('payment_token', paymentTokenHash(options.paymentTokenKey, paymentToken), 'paymentToken');
    else r.fail('paymentToken', 'cannot be kept: this collector has no payment token key');
  }

  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  const finalTotal = total ?? expected;
  return {
    ok: true,
    sale: {
      system: options.system,
      sourceId: `${storeId}/${registerId ?? '-'}/${receiptNumber}`,
      type: finalTotal < 0 ? 'item_returned' : 'receipt_issued',
      occurredAt: occurredAt!,
      identifiers: identifiers.items,
      payload: {
        storeId: storeId!,
        registerId,
        cashierId,
        receiptNumber: receiptNumber!,
        originalReceiptNumber,
        currency: currency!,
        lines,
        subtotal,
        discount,
        tax,
        total: finalTotal,
        coupons,
        paymentMethod,
        pointsEarned: pointsEarned!,
        pointsRedeemed: pointsRedeemed!,
      },
      context: { taxIncluded: taxIncluded === true ? true : undefined },
    },
  };
}

function readLines(
  receipt: JsonObject,
  r: Reader,
  currency: string,
  money: (object: JsonObject, key: string, field?: string) => number | null,
): PosLine[] {
  const items = receipt.lines;
  if (!Array.isArray(items) || items.length === 0) return r.fail('lines', 'must be a non-empty array of lines') ?? [];
  if (items.length > MAX_LINES) return r.fail('lines', `must hold at most ${MAX_LINES} lines`) ?? [];
  const lines: PosLine[] = [];
  items.forEach((item, i) => {
    const at = `lines[${i}]`;
    if (!isObject(item)) return void r.fail(at, 'must be an object');
    const sku = r.string(item, 'sku', true, `${at}.sku`);
    const name = r.string(item, 'name', true, `${at}.name`);
    const category = r.string(item, 'category', false, `${at}.category`);
    const quantity = item.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity === 0 || Math.abs(quantity) > 1e6) {
      r.fail(`${at}.quantity`, 'must be a non-zero integer (negative on a return)');
    }
    if (item.unitPrice === undefined || item.unitPrice === null) r.fail(`${at}.unitPrice`, 'is required');
    const unitPrice = money(item, 'unitPrice', `${at}.unitPrice`);
    if (unitPrice !== null && unitPrice < 0)
      r.fail(`${at}.unitPrice`, 'must be >= 0 (a return has a negative quantity)');
    if (sku && name && unitPrice !== null && typeof quantity === 'number') {
      lines.push({ sku, name, category, quantity, unitPrice, currency });
    }
  });
  return lines;
}
