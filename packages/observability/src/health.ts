import { Router } from 'express';
import type { Logger } from './logger';

/** One dependency readiness depends on: resolves when it answers, rejects (or hangs) when it does not. */
export interface ReadinessCheck {
  /** Shown in /readyz; a plain name (`sql`, `event_store`, `bus`), never a connection string. */
  name: string;
  probe(): Promise<unknown>;
  /** Longest wait before the check counts as failed (default 2 s). */
  timeoutMs?: number;
}

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
}

export interface HealthOptions {
  checks: readonly ReadinessCheck[];
  /** True once a graceful stop began: /readyz answers 503 from then on. */
  isStopping: () => boolean;
  /** Failed checks are logged here with their error (the HTTP answer names only the check). */
  logger?: Logger;
}

async function run(check: ReadinessCheck): Promise<CheckResult & { error?: unknown }> {
  const started = performance.now();
  const timeoutMs = check.timeoutMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = check.probe();
    probe.catch(() => undefined); // a probe that loses the race must not reject unhandled
    await Promise.race([
      probe,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check at once; each result says ok and how long it took. */
export async function runChecks(
  checks: readonly ReadinessCheck[],
): Promise<Record<string, CheckResult & { error?: unknown }>> {
  const results = await Promise.all(checks.map(run));
  return Object.fromEntries(checks.map((check, i) => [check.name, results[i]!]));
}

/**
 * `/healthz` (liveness: 200 while the process serves HTTP, also while stopping —
 * restarting a process that is draining would lose its drain) and `/readyz`
 * (readiness: 200 when every dependency check passed within its timeout; 503 with
 * the failed check names otherwise, and 503 `stopping` once a graceful stop began,
 * so a load balancer stops sending traffic).
 *
 * Neither needs a credential: orchestrators probe them without one. They carry no
 * data — only check names, ok and latency; errors go to the log, not the answer.
 */
export function healthRoutes(options: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.setHeader('cache-control', 'no-store');
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    response.setHeader('cache-control', 'no-store');
    if (options.isStopping()) {
      response.status(503).json({ status: 'stopping' });
      return;
    }
    const results = await runChecks(options.checks);
    const failed = Object.entries(results)
      .filter(([, result]) => !result.ok)
      .map(([name]) => name);
    for (const name of failed) {
      options.logger?.warn({ check: name, err: results[name]!.error }, 'readiness check failed');
    }
    const checks = Object.fromEntries(
      Object.entries(results).map(([name, { ok, latencyMs }]) => [name, { ok, latencyMs }]),
    );
    const stopping = options.isStopping();
    response
      .status(failed.length === 0 && !stopping ? 200 : 503)
      .json(
        stopping
          ? { status: 'stopping' }
          : failed.length === 0
            ? { status: 'ready', checks }
            : { status: 'unready', failed, checks },
      );
  });
  return router;
}
