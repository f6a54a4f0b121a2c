import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import { atDay, day, pageView, posReceipt, webOrder, webRefund } from './test-facts';

describe('lifetime value', () => {
  it('given POS receipts, a web order, a POS return and a web refund, when traits are computed, then LTV = receipts + orders − return − refund', () => {
    const facts = [
      posReceipt({ at: day(0), total: 4584, coupons: ['SPRING5'] }),
      posReceipt({ at: day(9), total: 2599 }),
      webOrder({ at: day(20), total: 49.9, currency: 'EUR', orderId: 'W-1001' }),
      posReceipt({ at: day(2), total: -3999 }),
      webRefund({ at: day(25), orderId: 'W-1001', total: 10, currency: 'EUR' }),
    ];

    const traits = computeTraits(facts, { now: atDay(30) });

    expect(traits.currency).toBe('EUR');
    expect(traits.orders).toBe(3);
    expect(traits.returns).toBe(2);
    expect(traits.grossValue).toBe(4584 + 2599 + 4990);
    expect(traits.refundedValue).toBe(3999 + 1000);
    expect(traits.lifetimeValue).toBe(12173 - 4999);
    expect(traits.averageOrderValue).toBe(Math.round(12173 / 3));
    expect(traits.firstPurchaseAt).toBe(new Date(day(0)).toISOString());
    expect(traits.lastPurchaseAt).toBe(new Date(day(20)).toISOString());
  });

  it('given a web refund without an amount, when traits are computed, then the whole order is refunded', () => {
    const facts = [
      webOrder({ at: day(0), total: 120, currency: 'USD', orderId: 'W-7' }),
      webRefund({ at: day(3), orderId: 'W-7' }),
    ];

    const traits = computeTraits(facts, { now: atDay(10) });

    expect(traits.refundedValue).toBe(12000);
    expect(traits.lifetimeValue).toBe(0);
  });

  it('given an "Order Completed" sent twice with the same order_id, when traits are computed, then it is one order', () => {
    const facts = [
      webOrder({ at: day(0), total: 80, currency: 'USD', orderId: 'W-9' }),
      webOrder({ at: day(0) + 5_000, total: 80, currency: 'USD', orderId: 'W-9' }),
    ];

    const traits = computeTraits(facts, { now: atDay(1) });

    expect(traits.orders).toBe(1);
    expect(traits.lifetimeValue).toBe(8000);
  });

  it("given FedEx's customer worth $1,500 a month for 10 years, when traits are computed, then LTV is 1,500 × 12 × 10 = $180,000", () => {
    const facts = Array.from({ length: 12 * 10 }, (_, month) =>
      webOrder({ at: Date.UTC(2016, month, 1, 9), total: 1500, currency: 'USD' }),
    );

    const traits = computeTraits(facts, { now: new Date(Date.UTC(2026, 0, 2)) });

    expect(traits.currency).toBe('USD');
    expect(traits.orders).toBe(120);
    expect(traits.lifetimeValue).toBe(180_000_00);
    expect(traits.averageOrderValue).toBe(1_500_00);
    expect(traits.purchaseCycleDays).toBe(31);
  });
});

describe('currencies', () => {
  it('given mostly EUR receipts and one CHF receipt, when traits are computed, then values are EUR and the CHF receipt is counted but not added', () => {
    const facts = [
      posReceipt({ at: day(0), total: 1000 }),
      posReceipt({ at: day(1), total: 2000 }),
      posReceipt({ at: day(2), total: 5000, currency: 'CHF' }),
    ];

    const traits = computeTraits(facts, { now: atDay(3) });

    expect(traits.currency).toBe('EUR');
    expect(traits.orders).toBe(3);
    expect(traits.grossValue).toBe(3000);
    expect(traits.averageOrderValue).toBe(1500);
  });

  it('given a web order of ¥1,500, when traits are computed, then the yen has no minor unit and LTV is 1500', () => {
    const traits = computeTraits([webOrder({ at: day(0), total: 1500, currency: 'jpy' })], { now: atDay(1) });

    expect(traits.currency).toBe('JPY');
    expect(traits.lifetimeValue).toBe(1500);
  });

  it('given a web order naming no currency and EUR receipts, when traits are computed, then the order counts in EUR', () => {
    const facts = [posReceipt({ at: day(0), total: 1000 }), webOrder({ at: day(5), total: 19.99 })];

    const traits = computeTraits(facts, { now: atDay(6) });

    expect(traits.currency).toBe('EUR');
    expect(traits.grossValue).toBe(1000 + 1999);
  });

  it('given a prospect who only browsed, when traits are computed, then there is no currency and no money', () => {
    const traits = computeTraits([pageView(day(0))], { now: atDay(1) });

    expect(traits).toMatchObject({
      currency: null,
      orders: 0,
      returns: 0,
      lifetimeValue: 0,
      averageOrderValue: null,
      firstPurchaseAt: null,
      spendPerWeek: null,
      couponsRedeemed: 0,
    });
  });
});

describe('best customers: spend per week and coupons', () => {
  it("given weekly $32 baskets for ten weeks, when traits are computed, then spend per week over the last 8 weeks is $32 (above the grocer's $25 list)", () => {
    const facts = Array.from({ length: 10 }, (_, week) => webOrder({ at: day(week * 7), total: 32, currency: 'USD' }));

    const traits = computeTraits(facts, { now: new Date(day(63.5)) });

    expect(traits.spendPerWeek).toBe(3200);
    expect(traits.spendPerWeek!).toBeGreaterThan(25_00);
  });

  it('given a return inside the window, when spend per week is computed, then it is net of the return', () => {
    const facts = [posReceipt({ at: day(1), total: 16000 }), posReceipt({ at: day(2), total: -8000 })];

    const traits = computeTraits(facts, { now: atDay(10) });

    expect(traits.spendPerWeek).toBe(1000);
  });

  it('given two coupons on a receipt and one on a web order, when traits are computed, then three coupons were redeemed', () => {
    const facts = [
      posReceipt({ at: day(0), total: 3000, coupons: ['RICE-2', 'MILK-1'] }),
      webOrder({ at: day(3), total: 25, currency: 'EUR', coupon: 'WELCOME10' }),
    ];

    expect(computeTraits(facts, { now: atDay(4) }).couponsRedeemed).toBe(3);
  });
});
