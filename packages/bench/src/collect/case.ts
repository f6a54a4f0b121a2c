/**
 * One case: a batch size against one target (the collector or the ceiling). The
 * load generator first warms the target up (untimed; JIT, pools, plan caches), then
 * sends as many requests as the warm-up's rate says fit in the run's duration (and
 * more rounds while short of it). Runs are sized by request count, not cut off by
 * a timer, so every request has its answer when a run is over: that is what lets
 * the bus be checked to the message.
 */
import { sleep, timed } from '../measure';
import type { CollectBenchConfig } from './config';
import type { LoadGenerator } from './load-generator';
import type { LoadResult } from './load-job';
import { machineCpu } from './machine';

export interface Target {
  /** e.g. `http://127.0.0.1:40123`. */
  origin: string;
  authorization: string;
  writeKey: string;
  inFlight(): number;
}

export interface TargetRun {
  events: number;
  /** The warm-up rounds, untimed. */
  warmups: LoadResult[];
  main: LoadResult;
  /** CPU cores the server process (the target; PGlite runs inside it) used during the main run. */
  serverCores: number;
  /** Busy cores of the whole machine during the main run (null off Linux). */
  machineCores: number | null;
}

/** Counts of the touchpoint topic around a run of the collector. */
export interface BusCounts {
  beforeWarmups: number;
  beforeMain: number;
  afterMain: number;
}

export const requestsPerSecond = (r: LoadResult): number => (r.seconds > 0 ? r.ok / r.seconds : 0);

/** Waits until the server answered everything it received (at most 30 s). */
async function idle(target: Target): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (target.inFlight() > 0 && Date.now() < deadline) await sleep(10);
}

export async function runTarget(options: {
  generator: LoadGenerator;
  target: Target;
  events: number;
  config: CollectBenchConfig;
  /** Messages on the touchpoint topic now; the collector only. */
  count?: () => Promise<number>;
}): Promise<{ run: TargetRun; bus?: BusCounts }> {
  const { generator, target, events, config } = options;
  const { connections } = config;
  const job = (amount: number, minSeconds: number) =>
    generator.run({
      url: `${target.origin}/v1/batch`,
      authorization: target.authorization,
      writeKey: target.writeKey,
      events,
      connections,
      amount,
      minSeconds,
    });
  // A target that answers nothing with 2xx still gets sized by its answers.
  const rate = (r: LoadResult): number => (r.ok + r.non2xx) / Math.max(r.seconds, 0.001);

  await idle(target);
  const beforeWarmups = await options.count?.();
  const warmup = await job(connections * 2, config.warmupSeconds);
  await idle(target);
  const beforeMain = await options.count?.();

  const machine = machineCpu();
  const measured = await timed(() => job(Math.round(rate(warmup) * config.durationSeconds), config.durationSeconds));
  const machineCores = machine();
  await idle(target);
  const afterMain = await options.count?.();

  const run: TargetRun = {
    events,
    warmups: [warmup],
    main: measured.result,
    serverCores: measured.seconds > 0 ? measured.cpuSeconds / measured.seconds : 0,
    machineCores,
  };
  if (beforeWarmups === undefined || beforeMain === undefined || afterMain === undefined) return { run };
  return { run, bus: { beforeWarmups, beforeMain, afterMain } };
}
