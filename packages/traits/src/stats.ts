/** Small numeric helpers shared by the trait formulas. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export const isoOf = (epochMs: number): string => new Date(epochMs).toISOString();

/** Days from `from` to `to` (fractional), never negative: a fact stamped after `now` counts as now. */
export const daysBetween = (from: number, to: number): number => Math.max(0, to - from) / DAY_MS;

export const roundTo = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** The median of `values` (mean of the middle two when their number is even); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Nearest-rank quantile of values sorted ascending: the smallest value with at least
 * `q` of the values at or below it (q in (0, 1]; a float error like 0.1 + 0.2 does not add a rank).
 */
export function nearestRank(sortedAscending: readonly number[], q: number): number {
  const rank = Math.min(sortedAscending.length, Math.max(1, Math.ceil(q * sortedAscending.length - 1e-9)));
  return sortedAscending[rank - 1]!;
}

/** A finite number from a number or a numeric string (`"19.99"`), else null. */
export function numberFrom(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
