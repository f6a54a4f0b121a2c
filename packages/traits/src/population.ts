import { DEFAULT_TRAIT_SETTINGS, type TraitSettings } from './settings';
import { DAY_MS, nearestRank } from './stats';

/**
 * Cut-offs taken over the purchasing population (customers with at least one order),
 * recomputed periodically by whoever sees all profiles. Money is in minor units of one
 * currency: a population that mixes currencies needs thresholds per currency.
 */
export interface PopulationThresholds {
  /** [A, B]: lowest lifetime value still in tier A, in tier B (descending). Empty: no tiers. */
  lifetimeValue: number[];
  /** Days since the last purchase at the 20th, 40th, 60th, 80th percentile (ascending). */
  recencyDays: number[];
  /** Orders at the 20th … 80th percentile (ascending). */
  frequency: number[];
  /** Lifetime value at the 20th … 80th percentile (ascending). */
  monetary: number[];
}

export interface PopulationSample {
  lifetimeValue: number;
  /** null: never purchased (left out of every threshold). */
  daysSinceLastPurchase: number | null;
  orders: number;
}

export type ValueTier = 'A' | 'B' | 'C';

export interface RfmScore {
  recency: number;
  frequency: number;
  monetary: number;
  segment: RfmSegment;
}

export type RfmSegment =
  'champions' | 'loyal' | 'promising' | 'needs_attention' | 'cannot_lose' | 'at_risk' | 'hibernating' | 'lost';

const QUINTILES = [0.2, 0.4, 0.6, 0.8] as const;

/** Nearest-rank cut-offs over the samples with an order (see PopulationThresholds). */
export function populationThresholds(
  samples: readonly PopulationSample[],
  settings: TraitSettings = DEFAULT_TRAIT_SETTINGS,
): PopulationThresholds {
  const buyers = samples.filter((s) => s.orders > 0 && s.daysSinceLastPurchase !== null);
  if (buyers.length === 0) return { lifetimeValue: [], recencyDays: [], frequency: [], monetary: [] };
  const ascending = (values: number[]) => values.sort((a, b) => a - b);
  const values = ascending(buyers.map((s) => s.lifetimeValue));
  const days = ascending(buyers.map((s) => s.daysSinceLastPurchase!));
  const orders = ascending(buyers.map((s) => s.orders));
  // The top share is counted from the high end: A holds the best ceil(tierAShare × n) values.
  const fromTop = (share: number) =>
    values[values.length - Math.min(values.length, Math.ceil(share * values.length - 1e-9))]!;
  return {
    lifetimeValue: [fromTop(settings.tierAShare), fromTop(settings.tierAShare + settings.tierBShare)],
    recencyDays: QUINTILES.map((q) => nearestRank(days, q)),
    frequency: QUINTILES.map((q) => nearestRank(orders, q)),
    monetary: QUINTILES.map((q) => nearestRank(values, q)),
  };
}

/** What populationThresholds needs of one profile's computed traits. */
export function populationSample(
  traits: { lifetimeValue: number; orders: number; lastPurchaseAt: string | null },
  now: Date,
): PopulationSample {
  const last = traits.lastPurchaseAt === null ? null : Date.parse(traits.lastPurchaseAt);
  return {
    lifetimeValue: traits.lifetimeValue,
    orders: traits.orders,
    daysSinceLastPurchase: last === null ? null : Math.max(0, now.getTime() - last) / DAY_MS,
  };
}

/**
 * The 20/80 rule: A from the tier-A cut-off, B from the tier-B cut-off, else C. A tier
 * above C also needs a positive value (a population of zeros has no gold customers).
 * Null without thresholds or for a customer who never purchased.
 */
export function valueTier(sample: PopulationSample, thresholds: PopulationThresholds | undefined): ValueTier | null {
  const [a, b] = thresholds?.lifetimeValue ?? [];
  if (a === undefined || b === undefined || sample.orders === 0) return null;
  if (sample.lifetimeValue <= 0) return 'C';
  return sample.lifetimeValue >= a ? 'A' : sample.lifetimeValue >= b ? 'B' : 'C';
}

/**
 * Quintile scores 1–5 (5 best): frequency and monetary = 1 + the number of cut-offs the
 * value exceeds; recency = 5 − the number of cut-offs the days since the last purchase
 * exceed (recent is good). Null without thresholds or for a customer who never purchased.
 */
export function rfmScore(sample: PopulationSample, thresholds: PopulationThresholds | undefined): RfmScore | null {
  if (!thresholds || sample.orders === 0 || sample.daysSinceLastPurchase === null) return null;
  const { recencyDays, frequency, monetary } = thresholds;
  if (recencyDays.length === 0 || frequency.length === 0 || monetary.length === 0) return null;
  const above = (cuts: number[], value: number) => cuts.filter((cut) => value > cut).length;
  const r = 5 - above(recencyDays, sample.daysSinceLastPurchase);
  const f = 1 + above(frequency, sample.orders);
  const m = 1 + above(monetary, sample.lifetimeValue);
  return { recency: r, frequency: f, monetary: m, segment: rfmSegment(r, f, m) };
}

/**
 * Segment by recency and the mean of frequency and monetary (fm):
 * R ≥ 4: champions (fm ≥ 4), loyal (fm ≥ 3), promising; R = 3: loyal (fm ≥ 3),
 * needs_attention; R ≤ 2: cannot_lose (fm ≥ 4), at_risk (fm ≥ 3), hibernating (R = 2), lost (R = 1).
 */
export function rfmSegment(recency: number, frequency: number, monetary: number): RfmSegment {
  const fm = (frequency + monetary) / 2;
  if (recency >= 4) return fm >= 4 ? 'champions' : fm >= 3 ? 'loyal' : 'promising';
  if (recency === 3) return fm >= 3 ? 'loyal' : 'needs_attention';
  if (fm >= 4) return 'cannot_lose';
  if (fm >= 3) return 'at_risk';
  return recency === 2 ? 'hibernating' : 'lost';
}
