import type { SqlExecutor } from '@c360/sql';
import { populationSample, populationThresholds, type PopulationThresholds } from '@c360/traits';

/**
 * The population's value-tier and RFM cut-offs, computed from every live profile's
 * stored traits and kept for `ttlMs`: tiers are relative (the top ~20 % of value is
 * A), so they need the whole population, which is too much to read per request.
 * After the first computation a stale answer is served while a fresh one is made.
 */
export function populationCache(
  sql: SqlExecutor,
  options: { now: () => Date; ttlMs?: number },
): { current(): Promise<PopulationThresholds> } {
  const ttlMs = options.ttlMs ?? 60_000;
  let value: PopulationThresholds | undefined;
  let computedAt = 0;
  let pending: Promise<PopulationThresholds> | undefined;

  const refresh = (): Promise<PopulationThresholds> => {
    pending ??= (async () => {
      const now = options.now();
      const { rows } = await sql.query<{ lifetime_value: bigint; orders: number; last: string | null }>(
        `SELECT lifetime_value, coalesce((computed->>'orders')::int, 0) AS orders, computed->>'lastPurchaseAt' AS last
           FROM rm_profiles WHERE status = 'live' AND coalesce((computed->>'orders')::int, 0) > 0`,
      );
      const samples = rows.map((r) =>
        populationSample({ lifetimeValue: Number(r.lifetime_value), orders: r.orders, lastPurchaseAt: r.last }, now),
      );
      value = populationThresholds(samples);
      computedAt = now.getTime();
      return value;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    async current() {
      if (!value) return refresh();
      if (options.now().getTime() - computedAt > ttlMs) void refresh().catch(() => undefined);
      return value;
    },
  };
}
