import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import { atDay, day, hoursAfter, posReceipt, webOrder } from './test-facts';

/** The rice merchant: 4 people × 0.15 kg a day = 0.6 kg a day, so a 10 kg sack lasts 10 ÷ 0.6 ≈ 16.7 days. */
const SACK_DAYS = [0, 17, 33, 50, 67, 84];
const riceHousehold = () => SACK_DAYS.map((d) => posReceipt({ at: day(d), total: 2499 }));

describe('purchase cycle', () => {
  it('given a household buying a 10 kg sack every ~17 days, when traits are computed, then the cycle is 17 days and the next sack is due 17 days after the last', () => {
    const traits = computeTraits(riceHousehold(), { now: atDay(90) });

    expect(10 / (4 * 0.15)).toBeCloseTo(16.7, 1);
    expect(traits.purchaseCycleDays).toBe(17);
    expect(traits.nextExpectedPurchase).toBe(new Date(day(84 + 17)).toISOString());
  });

  it('given only two purchases, when traits are computed, then there is no cycle yet (3 are needed)', () => {
    const traits = computeTraits(riceHousehold().slice(0, 2), { now: atDay(20) });

    expect(traits.purchaseCycleDays).toBeNull();
    expect(traits.nextExpectedPurchase).toBeNull();
  });

  it('given a receipt and a web order within hours of each other, when the cycle is computed, then they are one shopping occasion', () => {
    const facts = [
      ...riceHousehold(),
      webOrder({ at: hoursAfter(day(33), 3), total: 12, currency: 'EUR' }),
      webOrder({ at: hoursAfter(day(50), 2), total: 12, currency: 'EUR' }),
    ];

    const traits = computeTraits(facts, { now: atDay(90) });

    expect(traits.orders).toBe(8);
    expect(traits.purchaseCycleDays).toBe(17);
  });

  it('given one long holiday gap, when the cycle is computed, then the median ignores it', () => {
    const facts = [0, 17, 34, 51, 120, 137].map((d) => posReceipt({ at: day(d), total: 2499 }));

    expect(computeTraits(facts, { now: atDay(140) }).purchaseCycleDays).toBe(17);
  });
});
