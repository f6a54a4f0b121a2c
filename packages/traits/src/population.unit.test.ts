import { describe, expect, it } from 'vitest';
import { computeTraits } from './compute';
import {
  populationSample,
  populationThresholds,
  rfmScore,
  rfmSegment,
  valueTier,
  type PopulationSample,
} from './population';
import { DEFAULT_TRAIT_SETTINGS } from './settings';
import { atDay, day, posReceipt } from './test-facts';

const countBy = <T>(values: T[]): Map<T, number> => {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

/** A Pareto population (α ≈ 1.16, the shape of the 80/20 rule), taken at evenly spaced quantiles. */
const paretoValues = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.round(10_000 / ((i + 0.5) / n) ** (1 / 1.16)));

const buyer = (lifetimeValue: number, daysSinceLastPurchase = 10, orders = 3): PopulationSample => ({
  lifetimeValue,
  daysSinceLastPurchase,
  orders,
});

describe('value tiers', () => {
  it('given 100 customers with distinct values, when tiers are assigned, then A, B and C hold 20, 30 and 50', () => {
    const samples = Array.from({ length: 100 }, (_, i) => buyer((i + 1) * 1000));
    const thresholds = populationThresholds(samples);

    const tiers = countBy(samples.map((s) => valueTier(s, thresholds)));

    expect(thresholds.lifetimeValue).toEqual([81_000, 51_000]);
    expect(Object.fromEntries(tiers)).toEqual({ A: 20, B: 30, C: 50 });
  });

  it('given a Pareto population of 1,000 buyers, when tiers are assigned, then ~20/30/50 % are A/B/C and tier A brings most of the value', () => {
    const samples = paretoValues(1000).map((value) => buyer(value));
    const thresholds = populationThresholds(samples);

    const tiers = samples.map((s) => valueTier(s, thresholds));
    const valueOf = (tier: string) =>
      samples.filter((_, i) => tiers[i] === tier).reduce((sum, s) => sum + s.lifetimeValue, 0);
    const total = samples.reduce((sum, s) => sum + s.lifetimeValue, 0);

    expect(tiers.filter((t) => t === 'A').length / 1000).toBeCloseTo(0.2, 2);
    expect(tiers.filter((t) => t === 'B').length / 1000).toBeCloseTo(0.3, 2);
    expect(tiers.filter((t) => t === 'C').length / 1000).toBeCloseTo(0.5, 2);
    expect(valueOf('A') / total).toBeGreaterThan(0.7);
  });

  it('given configured shares of 10 % and 20 %, when tiers are assigned, then A and B hold 10 and 20 of 100', () => {
    const samples = Array.from({ length: 100 }, (_, i) => buyer((i + 1) * 1000));
    const thresholds = populationThresholds(samples, { ...DEFAULT_TRAIT_SETTINGS, tierAShare: 0.1, tierBShare: 0.2 });

    expect(Object.fromEntries(countBy(samples.map((s) => valueTier(s, thresholds))))).toEqual({ A: 10, B: 20, C: 70 });
  });

  it('given prospects in the population, when thresholds are computed, then they are left out and get no tier', () => {
    const prospect: PopulationSample = { lifetimeValue: 0, daysSinceLastPurchase: null, orders: 0 };
    const samples = [...Array.from({ length: 10 }, (_, i) => buyer((i + 1) * 100)), ...Array(90).fill(prospect)];
    const thresholds = populationThresholds(samples);

    expect(thresholds.lifetimeValue).toEqual([900, 600]);
    expect(valueTier(prospect, thresholds)).toBeNull();
  });

  it('given a buyer whose purchases were all returned, when tiers are assigned over a population of zeros, then the buyer is C, not A', () => {
    const samples = Array.from({ length: 5 }, () => buyer(0));

    expect(valueTier(samples[0]!, populationThresholds(samples))).toBe('C');
  });

  it('given no thresholds, when traits are computed, then valueTier and rfm are null', () => {
    const traits = computeTraits([posReceipt({ at: day(0), total: 1000 })], { now: atDay(1) });

    expect(traits.valueTier).toBeNull();
    expect(traits.rfm).toBeNull();
  });
});

describe('RFM', () => {
  const population = Array.from({ length: 100 }, (_, i) => buyer((i + 1) * 1000, i + 1, i + 1));
  const thresholds = populationThresholds(population);

  it('given 100 buyers with distinct recency, frequency and value, when scored, then every quintile score holds 20 of them', () => {
    const scores = population.map((s) => rfmScore(s, thresholds)!);

    expect(thresholds.recencyDays).toEqual([20, 40, 60, 80]);
    for (const key of ['recency', 'frequency', 'monetary'] as const) {
      expect(Object.fromEntries(countBy(scores.map((s) => s[key])))).toEqual({ 1: 20, 2: 20, 3: 20, 4: 20, 5: 20 });
    }
  });

  it('given the most recent, most frequent and most valuable buyer, when scored, then it is 5/5/5 and a champion', () => {
    expect(rfmScore(buyer(100_000, 0.5, 100), thresholds)).toEqual({
      recency: 5,
      frequency: 5,
      monetary: 5,
      segment: 'champions',
    });
  });

  it('given a once-valuable buyer silent for 95 days, when scored, then recency is 1 and the segment is cannot_lose', () => {
    expect(rfmScore(buyer(95_000, 95, 90), thresholds)).toMatchObject({ recency: 1, segment: 'cannot_lose' });
  });

  it('given the segment table, when scores are looked up, then recency and the F/M mean pick the segment', () => {
    expect(
      [
        [5, 5, 4],
        [4, 3, 3],
        [5, 1, 2],
        [3, 4, 2],
        [3, 1, 2],
        [2, 5, 5],
        [1, 3, 3],
        [2, 1, 2],
        [1, 1, 1],
      ].map(([r, f, m]) => rfmSegment(r!, f!, m!)),
    ).toEqual([
      'champions',
      'loyal',
      'promising',
      'loyal',
      'needs_attention',
      'cannot_lose',
      'at_risk',
      'hibernating',
      'lost',
    ]);
  });

  it('given a rice household and population thresholds, when traits are computed, then rfm and tier come from its own sample', () => {
    const facts = [0, 17, 33].map((d) => posReceipt({ at: day(d), total: 30_000 }));
    const now = atDay(40);

    const traits = computeTraits(facts, { now, population: thresholds });

    expect(populationSample(traits, now)).toEqual({ lifetimeValue: 90_000, orders: 3, daysSinceLastPurchase: 7 });
    expect(traits.valueTier).toBe('A');
    expect(traits.rfm).toEqual({ recency: 5, frequency: 1, monetary: 5, segment: 'loyal' });
  });
});
