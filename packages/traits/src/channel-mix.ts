import type { ContactFact } from './fact';

/** Share of touchpoints per channel present; shares sum to 1; empty when there are no facts. */
export function channelMix(facts: readonly ContactFact[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const fact of facts) counts[fact.channel] = (counts[fact.channel] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([channel, count]) => [channel, count / facts.length]));
}
