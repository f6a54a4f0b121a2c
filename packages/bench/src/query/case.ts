/**
 * One load case: a target (the API with a token, or a raw endpoint) read at random
 * keys. The load generator first warms the target up (untimed: JIT, pool, plan
 * caches, the database's buffers), then sends as many requests as the warm-up's
 * rate says fit in the run's duration (and more rounds while short of it), as the
 * collect benchmark does. The SQL the server sent during the main run is counted.
 */
import type { Listening } from '../collect/server';
import { machineCpu } from '../collect/machine';
import { sleep, timed } from '../measure';
import type { ForkedWorker } from './forked';
import type { GetJob, GetResult } from './load-job';
import { profiled } from '../ingest/profile';
import type { SqlCounter, StatementFigures } from '../sql-counter';

export type Operation = 'by id' | 'lookup';
export type Target = 'ours' | 'raw' | 'raw+log';

export interface LoadCase {
  operation: Operation;
  target: Target;
  /** The token's role, for ours. */
  role?: 'reader' | 'pii_reader';
  server: Listening;
  paths: readonly string[];
  authorization: string | null;
}

export interface CaseRun {
  warmup: GetResult;
  main: GetResult;
  /** CPU cores the server process (the API, and PGlite where it runs inside) used during the main run. */
  serverCores: number;
  /** Busy cores of the whole machine during the main run (null off Linux). */
  machineCores: number | null;
  /** SQL sent during the main run, by kind. */
  statements: Map<string, StatementFigures>;
}

export type LoadGenerator = ForkedWorker<Omit<GetJob, 'id'>, GetResult>;

export const caseName = (c: Pick<LoadCase, 'operation' | 'target' | 'role'>): string =>
  `${c.operation} ${c.target}${c.role ? ` (${c.role})` : ''}`;

/** Waits until the server answered everything it received (at most 30 s). */
async function idle(server: Listening): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (server.inFlight() > 0 && Date.now() < deadline) await sleep(10);
}

export async function runCase(options: {
  generator: LoadGenerator;
  counter: SqlCounter;
  load: LoadCase;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  cpuProfileDir?: string;
  profileName: string;
}): Promise<CaseRun> {
  const { generator, load, connections } = options;
  const job = (amount: number, minSeconds: number) =>
    generator.run({
      origin: load.server.origin,
      paths: load.paths,
      authorization: load.authorization,
      connections,
      amount,
      minSeconds,
    });
  // A target that answers nothing with 2xx still gets sized by its answers.
  const rate = (r: GetResult): number => (r.ok + r.non2xx) / Math.max(r.seconds, 0.001);

  await idle(load.server);
  const warmup = await job(connections * 20, options.warmupSeconds);
  await idle(load.server);
  options.counter.reset();
  const machine = machineCpu();
  const { result: measured } = await profiled(
    options.cpuProfileDir,
    options.profileName.replace(/[^\w.-]+/g, '_'),
    () => timed(() => job(Math.round(rate(warmup) * options.durationSeconds), options.durationSeconds)),
  );
  const machineCores = machine();
  await idle(load.server);
  return {
    warmup,
    main: measured.result,
    serverCores: measured.seconds > 0 ? measured.cpuSeconds / measured.seconds : 0,
    machineCores,
    statements: options.counter.snapshot(),
  };
}
