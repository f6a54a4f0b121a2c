import type { ContactFact } from './fact';
import { numberFrom } from './stats';

/**
 * Money that moved in one touchpoint. Amounts are positive; `kind` gives the direction.
 * - POS payload: a `receipt_issued` / `order_placed` with total ≥ 0 is a purchase of
 *   `total` (after discount, with tax); an `item_returned`, or any receipt with a
 *   negative total, is a return of |total|. Other POS types move no money.
 * - Web `order_placed` (Segment "Order Completed") is a purchase, `order_refunded` a
 *   refund, of `properties.total`, else `revenue`, else `value`, else Σ products
 *   price × quantity. Segment amounts are in major units (19.99); they are converted
 *   to minor units of the currency (ISO 4217 exponent: JPY 0, EUR 2, BHD 3).
 * - Call-center and e-mail touchpoints carry no amounts (a phone order is counted
 *   when its receipt or web order arrives).
 */
export type MovementKind = 'purchase' | 'return' | 'refund';

export interface MoneyMovement {
  kind: MovementKind;
  occurredAt: number;
  /** Upper-case ISO 4217 code, or null when a web event names none. */
  currency: string | null;
  /** Minor units when the source gives them (POS). */
  minor: number | null;
  /** Major units when the source gives them (web); converted once the currency is known. */
  major: number | null;
  /** Web `order_id`, to de-duplicate orders and price refunds that give no amount. */
  orderId: string | null;
  /** Coupon codes redeemed with a purchase. */
  coupons: number;
}

const POS_PURCHASE_TYPES = new Set(['receipt_issued', 'order_placed']);
const WEB_KINDS: ReadonlyMap<string, MovementKind> = new Map([
  ['order_placed', 'purchase'],
  ['order_refunded', 'refund'],
]);

/** The money movement of a fact, or null when it moved none. */
export function moneyMovement(fact: ContactFact): MoneyMovement | null {
  const payload = fact.payload;
  if (payload?.channel === 'pos') {
    const pos = payload.payload;
    const isReturn = fact.type === 'item_returned' || pos.total < 0;
    if (!isReturn && !POS_PURCHASE_TYPES.has(fact.type)) return null;
    return {
      kind: isReturn ? 'return' : 'purchase',
      occurredAt: fact.occurredAt,
      currency: currencyCode(pos.currency),
      minor: Math.abs(pos.total),
      major: null,
      orderId: null,
      coupons: isReturn ? 0 : pos.coupons.length,
    };
  }
  const kind = WEB_KINDS.get(fact.type);
  if (fact.channel !== 'web' || kind === undefined) return null;
  const p = fact.properties ?? {};
  const amount = numberFrom(p.total) ?? numberFrom(p.revenue) ?? numberFrom(p.value) ?? productsTotal(p.products);
  const orderId = text(p.order_id) ?? text(p.orderId);
  return {
    kind,
    occurredAt: fact.occurredAt,
    currency: currencyCode(p.currency),
    minor: null,
    major: amount === null ? null : Math.abs(amount),
    orderId,
    coupons: kind === 'purchase' && text(p.coupon) !== null ? 1 : 0,
  };
}

/** The movement's amount in minor units of its currency (or `fallbackCurrency`); null when it gives none. */
export function minorAmount(movement: MoneyMovement, fallbackCurrency: string): number | null {
  if (movement.minor !== null) return movement.minor;
  if (movement.major === null) return null;
  return Math.round(movement.major * 10 ** currencyExponent(movement.currency ?? fallbackCurrency));
}

const exponents = new Map<string, number>();

/** Minor-unit digits of an ISO 4217 currency, from the runtime's CLDR data (2 when unknown). */
export function currencyExponent(currency: string): number {
  let digits = exponents.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    exponents.set(currency, digits);
  }
  return digits;
}

function currencyCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null;

/** Σ price × quantity (quantity 1 when absent) over Segment `products`; null when none is priced. */
function productsTotal(products: unknown): number | null {
  if (!Array.isArray(products)) return null;
  let total: number | null = null;
  for (const product of products) {
    if (typeof product !== 'object' || product === null) continue;
    const price = numberFrom((product as Record<string, unknown>).price);
    if (price === null) continue;
    total = (total ?? 0) + price * (numberFrom((product as Record<string, unknown>).quantity) ?? 1);
  }
  return total;
}
