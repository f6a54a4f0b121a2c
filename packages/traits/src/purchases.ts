import type { ContactFact } from './fact';
import { minorAmount, moneyMovement, type MoneyMovement } from './money';
import type { TraitSettings } from './settings';
import { WEEK_MS } from './stats';

/** The customer's money, in minor units of `currency` (movements in other currencies are not converted, only counted). */
export interface PurchaseSummary {
  /** Most frequent purchase currency (ties: alphabetical); null when no money ever moved. */
  currency: string | null;
  /** Purchases in any currency (web orders de-duplicated by order_id). */
  orders: number;
  /** POS returns and web refunds, in any currency. */
  returns: number;
  grossValue: number;
  refundedValue: number;
  /** grossValue − refundedValue; negative when more came back than this history shows going out. */
  lifetimeValue: number;
  /** grossValue ÷ purchases in `currency`, rounded; null without one. */
  averageOrderValue: number | null;
  /** Epoch ms of every purchase, ascending. */
  purchaseTimes: number[];
  /** Net spend (purchases − returns − refunds, ≥ 0) in the window before `now` ÷ its weeks; null without a currency. */
  spendPerWeek: number | null;
  couponsRedeemed: number;
}

/** Facts must be in chronological order (computeTraits sorts them). */
export function purchaseSummary(
  facts: readonly ContactFact[],
  options: { now: number; settings: TraitSettings },
): PurchaseSummary {
  const { now, settings } = options;
  const movements = distinctOrders(facts.map(moneyMovement).filter((m): m is MoneyMovement => m !== null));
  const currency = mainCurrency(movements) ?? (movements.length > 0 ? settings.defaultCurrency : null);
  const windowStart = now - settings.spendWindowWeeks * WEEK_MS;
  const orderPrices = new Map<string, { currency: string; amount: number }>();
  const summary: PurchaseSummary = {
    currency,
    orders: 0,
    returns: 0,
    grossValue: 0,
    refundedValue: 0,
    lifetimeValue: 0,
    averageOrderValue: null,
    purchaseTimes: [],
    spendPerWeek: null,
    couponsRedeemed: 0,
  };
  let ordersInCurrency = 0;
  let windowSpend = 0;

  for (const m of movements) {
    const order = m.orderId === null ? undefined : orderPrices.get(m.orderId);
    const movementCurrency = m.currency ?? order?.currency ?? currency!;
    const amount = minorAmount(m, movementCurrency) ?? (m.kind === 'refund' ? order?.amount : undefined) ?? 0;
    const counted = movementCurrency === currency;
    const inWindow = counted && m.occurredAt > windowStart && m.occurredAt <= now;
    if (m.kind === 'purchase') {
      summary.orders += 1;
      summary.couponsRedeemed += m.coupons;
      summary.purchaseTimes.push(m.occurredAt);
      if (m.orderId !== null) orderPrices.set(m.orderId, { currency: movementCurrency, amount });
      if (counted) {
        summary.grossValue += amount;
        ordersInCurrency += 1;
      }
      if (inWindow) windowSpend += amount;
    } else {
      summary.returns += 1;
      if (counted) summary.refundedValue += amount;
      if (inWindow) windowSpend -= amount;
    }
  }

  summary.lifetimeValue = summary.grossValue - summary.refundedValue;
  summary.averageOrderValue = ordersInCurrency > 0 ? Math.round(summary.grossValue / ordersInCurrency) : null;
  summary.purchaseTimes.sort((a, b) => a - b);
  if (currency !== null) summary.spendPerWeek = Math.round(Math.max(0, windowSpend) / settings.spendWindowWeeks);
  return summary;
}

/** Keeps the first purchase of each web order_id: a re-sent "Order Completed" is one order. */
function distinctOrders(movements: MoneyMovement[]): MoneyMovement[] {
  const seen = new Set<string>();
  return movements.filter((m) => {
    if (m.kind !== 'purchase' || m.orderId === null) return true;
    if (seen.has(m.orderId)) return false;
    seen.add(m.orderId);
    return true;
  });
}

/** The currency of most purchases (of most movements when there is no purchase); ties go alphabetically. */
function mainCurrency(movements: readonly MoneyMovement[]): string | null {
  const purchases = movements.filter((m) => m.kind === 'purchase' && m.currency !== null);
  const counted = purchases.length > 0 ? purchases : movements.filter((m) => m.currency !== null);
  const counts = new Map<string, number>();
  for (const m of counted) counts.set(m.currency!, (counts.get(m.currency!) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const [code, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (best === null || count > best[1]) best = [code, count];
  }
  return best?.[0] ?? null;
}
