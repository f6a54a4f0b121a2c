import type { TraitSettings } from './settings';
import { DAY_MS, HOUR_MS, isoOf, median, roundTo } from './stats';

export interface PurchaseCycle {
  /** Median days between purchase occasions, to 0.1 day; null below minPurchasesForCycle occasions. */
  days: number | null;
  /** Last purchase + days (may lie before `now`: the customer is overdue); null without a cycle. */
  nextExpectedPurchase: string | null;
}

/**
 * The rice merchant's question: when will this household need the next sack? Purchases
 * closer than `purchaseOccasionHours` to the previous occasion merge into it (the receipt
 * and the web order of one shopping trip are one gap, not a zero-day gap). The median
 * gap is robust to one holiday or one extra trip.
 */
export function purchaseCycle(purchaseTimes: readonly number[], settings: TraitSettings): PurchaseCycle {
  const sorted = [...purchaseTimes].sort((a, b) => a - b);
  const occasions: number[] = [];
  for (const at of sorted) {
    const previous = occasions.at(-1);
    if (previous === undefined || at - previous >= settings.purchaseOccasionHours * HOUR_MS) occasions.push(at);
  }
  if (occasions.length < settings.minPurchasesForCycle) return { days: null, nextExpectedPurchase: null };
  const gaps = occasions.slice(1).map((at, i) => (at - occasions[i]!) / DAY_MS);
  const days = roundTo(median(gaps)!, 1);
  return { days, nextExpectedPurchase: isoOf(sorted.at(-1)! + days * DAY_MS) };
}
