import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import { atDay, call, day, email, pageView, posReceipt, surveyAnswer } from './test-facts';

/** Sacks every ~17 days (cycle 17): at risk after 1.5 × 17 = 25.5 days without a purchase. */
const riceHousehold = () => [0, 17, 33, 50, 67, 84].map((d) => posReceipt({ at: day(d), total: 2499 }));
const LAST_SACK = 84;

describe('lifecycle stage', () => {
  it('given only page views and e-mail opens, when traits are computed, then the customer is a prospect', () => {
    const facts = [pageView(day(0)), email({ type: 'email_opened', at: day(2) })];

    expect(computeTraits(facts, { now: atDay(3) }).lifecycleStage).toBe('prospect');
  });

  it('given a first purchase 10 days ago, when traits are computed, then the customer is new', () => {
    const facts = [pageView(day(0)), posReceipt({ at: day(5), total: 2499 })];

    expect(computeTraits(facts, { now: atDay(15) }).lifecycleStage).toBe('new');
  });

  it('given the rice household 10 days after its last sack, when traits are computed, then it is active', () => {
    expect(computeTraits(riceHousehold(), { now: atDay(LAST_SACK + 10) }).lifecycleStage).toBe('active');
  });

  it('given the rice household 26 days after its last sack (overdue vs its own 17-day cycle), when traits are computed, then it is at risk', () => {
    const traits = computeTraits(riceHousehold(), { now: atDay(LAST_SACK + 26) });

    expect(traits.lifecycleStage).toBe('at_risk');
    expect(Date.parse(traits.nextExpectedPurchase!)).toBeLessThan(day(LAST_SACK + 26));
  });

  it('given a customer without a cycle, when 80 and then 100 days pass without a purchase, then active turns at risk after 90 days', () => {
    const facts = [posReceipt({ at: day(0), total: 5000 }), posReceipt({ at: day(40), total: 5000 })];

    expect(computeTraits(facts, { now: atDay(40 + 80) }).lifecycleStage).toBe('active');
    expect(computeTraits(facts, { now: atDay(40 + 100) }).lifecycleStage).toBe('at_risk');
  });

  it('given the rice household a year and a month after its last sack, when traits are computed, then it has lapsed', () => {
    expect(computeTraits(riceHousehold(), { now: atDay(LAST_SACK + 400) }).lifecycleStage).toBe('lapsed');
  });
});

describe('churn risk', () => {
  it('given the rice household 2 days after a sack, when traits are computed, then churn risk is low', () => {
    const traits = computeTraits(riceHousehold(), { now: atDay(LAST_SACK + 2) });

    expect(traits.churnRisk).toBe('low');
    expect(traits.churnScore).toBeCloseTo((0.75 * 2) / 25.5, 3);
  });

  it('given the rice household on the day its next sack is due, when traits are computed, then churn risk is medium (0.5)', () => {
    const traits = computeTraits(riceHousehold(), { now: atDay(LAST_SACK + 17) });

    expect(traits.churnScore).toBe(0.5);
    expect(traits.churnRisk).toBe('medium');
  });

  it('given the rice household overdue and at risk, when traits are computed, then churn risk is high', () => {
    const traits = computeTraits(riceHousehold(), { now: atDay(LAST_SACK + 26) });

    expect(traits.churnRisk).toBe('high');
    expect(traits.churnScore).toBeGreaterThanOrEqual(0.75);
  });

  it('given an active household 12 days after a sack, when a complaint is open, then churn risk rises from low to medium', () => {
    const now = atDay(LAST_SACK + 12);
    const calm = computeTraits(riceHousehold(), { now });
    const complaining = computeTraits(
      [...riceHousehold(), call({ at: day(LAST_SACK + 5), category: 'complaint', disposition: 'escalated' })],
      {
        now,
      },
    );

    expect(calm.churnRisk).toBe('low');
    expect(complaining.churnScore).toBeCloseTo(calm.churnScore + 0.2, 3);
    expect(complaining.churnRisk).toBe('medium');
  });

  it('given a latest survey answer of 4 of 5, when traits are computed, then churn score adds 0.1 (only the top box is safe)', () => {
    const now = atDay(LAST_SACK + 2);
    const base = computeTraits(riceHousehold(), { now }).churnScore;

    const fourOfFive = computeTraits([...riceHousehold(), surveyAnswer(day(LAST_SACK + 1), 4)], { now });
    const fiveOfFive = computeTraits([...riceHousehold(), surveyAnswer(day(LAST_SACK + 1), 5)], { now });

    expect(fourOfFive.churnScore).toBeCloseTo(base + 0.1, 3);
    expect(fiveOfFive.churnScore).toBe(base);
  });

  it('given a lapsed customer, when traits are computed, then churn score is 1', () => {
    const traits = computeTraits(riceHousehold(), { now: atDay(LAST_SACK + 400) });

    expect(traits).toMatchObject({ churnScore: 1, churnRisk: 'high' });
  });

  it('given a prospect last seen 100 days ago, when traits are computed, then churn risk is high (a "zero-call" customer)', () => {
    const seenYesterday = computeTraits([pageView(day(0))], { now: atDay(1) });
    const silent = computeTraits([pageView(day(0))], { now: atDay(100) });

    expect(seenYesterday.churnRisk).toBe('low');
    expect(silent.churnRisk).toBe('high');
  });
});
