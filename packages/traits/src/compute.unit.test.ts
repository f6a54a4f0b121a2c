import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import { atDay, call, day, email, pageView, posReceipt, surveyAnswer, webOrder } from './test-facts';

const history = () => [
  pageView(day(0)),
  posReceipt({ at: day(1), total: 2499, coupons: ['RICE-2'] }),
  email({ type: 'email_opened', at: day(3) }),
  posReceipt({ at: day(18), total: 2499 }),
  call({ at: day(20), category: 'complaint', disposition: 'escalated' }),
  webOrder({ at: day(35), total: 24.99, currency: 'EUR' }),
  call({ at: day(21), category: 'consultation', disposition: 'resolved' }),
  surveyAnswer(day(22), 5),
  email({ type: 'unsubscribed', at: day(40) }),
];

describe('computeTraits', () => {
  it('given the same facts in another order, when traits are computed, then they are identical', () => {
    const now = atDay(45);
    const facts = history();

    expect(computeTraits([...facts].reverse(), { now })).toEqual(computeTraits(facts, { now }));
  });

  it('given a touchpoint repeated (a replayed event), when traits are computed, then it counts once', () => {
    const now = atDay(45);
    const facts = history();

    expect(computeTraits([...facts, ...facts], { now })).toEqual(computeTraits(facts, { now }));
  });

  it('given a mixed history, when traits are computed, then every trait is filled in', () => {
    const traits = computeTraits(history(), { now: atDay(45) });

    expect(traits).toMatchObject({
      currency: 'EUR',
      orders: 3,
      lifetimeValue: 3 * 2499,
      purchaseCycleDays: 17,
      lifecycleStage: 'active',
      churnRisk: 'low',
      topBoxSatisfaction: { answers: 1, topBox: 1, share: 1 },
      complaints: { open: 0, closed: 1, averageResponseHours: 24 },
      consent: { email_marketing: false },
      couponsRedeemed: 1,
    });
  });

  it('given no facts, when traits are computed, then the customer is a low-risk prospect with nothing computed', () => {
    expect(computeTraits([], { now: atDay(0) })).toEqual({
      currency: null,
      orders: 0,
      returns: 0,
      grossValue: 0,
      refundedValue: 0,
      lifetimeValue: 0,
      averageOrderValue: null,
      firstPurchaseAt: null,
      lastPurchaseAt: null,
      purchaseCycleDays: null,
      nextExpectedPurchase: null,
      rfm: null,
      valueTier: null,
      lifecycleStage: 'prospect',
      churnRisk: 'low',
      churnScore: 0,
      topBoxSatisfaction: null,
      complaints: {
        open: 0,
        closed: 0,
        averageResponseHours: null,
        oldestOpenSince: null,
        closedWithinTarget: 0,
        openPastTarget: 0,
      },
      channelMix: {},
      consent: {},
      spendPerWeek: null,
      couponsRedeemed: 0,
    });
  });
});
