import { computeTraits, type ContactFact } from '@c360/traits';

const POPULATION_DEPENDENT = ['rfm', 'valueTier'] as const;

/**
 * Computed traits for the moment of the request. The read models evaluate them as
 * of the customer's latest contact (so a rebuild reproduces them exactly); ages —
 * recency, lifecycle stage, churn, the next expected purchase — move on with time,
 * so they are evaluated again at `now` from the same contact facts. Traits that need
 * the population's thresholds (rfm, valueTier) keep the stored value when the
 * re-evaluation, which has no thresholds, cannot give one.
 */
export function computedAt(
  stored: Readonly<Record<string, unknown>>,
  facts: readonly ContactFact[],
  now: Date,
): Record<string, unknown> {
  if (facts.length === 0) return { ...stored };
  const fresh: Record<string, unknown> = { ...computeTraits(facts, { now }) };
  for (const key of POPULATION_DEPENDENT) {
    if (fresh[key] === null && stored[key] !== undefined) fresh[key] = stored[key];
  }
  return fresh;
}
