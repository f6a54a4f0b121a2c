import { computeTraits, type ContactFact, type PopulationThresholds } from '@c360/traits';

const POPULATION_DEPENDENT = ['rfm', 'valueTier'] as const;

/**
 * Computed traits for the moment of the request. The read models evaluate them as
 * of the customer's latest contact (so a rebuild reproduces them exactly); ages —
 * recency, lifecycle stage, churn, the next expected purchase — move on with time,
 * so they are evaluated again at `now` from the same contact facts. Traits that need
 * the population's thresholds (rfm, valueTier) use the cached thresholds when given
 * (see population.ts), else keep the stored value.
 */
export function computedAt(
  stored: Readonly<Record<string, unknown>>,
  facts: readonly ContactFact[],
  now: Date,
  population?: PopulationThresholds,
): Record<string, unknown> {
  if (facts.length === 0) return { ...stored };
  const fresh: Record<string, unknown> = { ...computeTraits(facts, { now, population }) };
  for (const key of POPULATION_DEPENDENT) {
    if (fresh[key] === null && stored[key] !== undefined) fresh[key] = stored[key];
  }
  return fresh;
}
