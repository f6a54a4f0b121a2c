/**
 * What every benchmark prints around its own figures: the machine and its load at
 * the start, the common head of its BENCH_JSON line, and its failures at the end.
 */
import { cpus, loadavg } from 'node:os';

/** The 1, 5 and 15 minute load averages, two decimals, space-separated. */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const numbers = (loads: string): number[] => loads.split(' ').map(Number);

/** When a run started and the load then, as `loadAverage()` prints it. */
export interface BenchRun {
  started: Date;
  loadStart: string;
}

export const startRun = (): BenchRun => ({ started: new Date(), loadStart: loadAverage() });

/** `node v20…, 8 CPUs (model), load average 0.12 0.34 0.56`. */
export const machineLine = (): string =>
  `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadAverage()}`;

/** Seconds since the run started. */
export const wallSeconds = (run: BenchRun): number => (Date.now() - run.started.getTime()) / 1000;

/**
 * The fields every BENCH_JSON line starts with, in this order; `quick` only for a
 * benchmark that has a quick mode. The load at the end is read now.
 */
export function runMeta(bench: string, run: BenchRun, quick?: boolean): Record<string, unknown> {
  return {
    bench,
    version: 1,
    startedAt: run.started.toISOString(),
    seconds: Number(wallSeconds(run).toFixed(1)),
    ...(quick === undefined ? {} : { quick }),
    node: process.version,
    cpus: cpus().length,
    loadavgStart: numbers(run.loadStart),
    loadavgEnd: numbers(loadAverage()),
  };
}

/** Prints `failures` under a `!!! bench:<name> FAILED` heading and fails the process; nothing when none. */
export function reportFailures(bench: string, failures: readonly string[]): void {
  if (failures.length === 0) return;
  console.error(`\n!!! bench:${bench} FAILED (${failures.length}):`);
  for (const failure of failures) console.error(`!!!   ${failure}`);
  process.exitCode = 1;
}
