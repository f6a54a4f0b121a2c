/**
 * Exponential back-off with ±20 % jitter (so retrying clients do not move in step):
 * attempt 1 waits about `initialMs`, each further attempt twice as long, capped at `maxMs`.
 */
export function backoffDelay(attempt: number, options: { initialMs: number; maxMs?: number }): number {
  const base = Math.min(options.initialMs * 2 ** Math.max(0, attempt - 1), options.maxMs ?? 30_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
