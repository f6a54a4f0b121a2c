/** Timing and load-driving helpers shared by the benchmarks. */

export interface Timed<T> {
  seconds: number;
  /** CPU time this process used meanwhile (user + system): the client's share of the machine. */
  cpuSeconds: number;
  result: T;
}

export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, result };
}

export const perSecond = (count: number, seconds: number): number => (seconds > 0 ? count / seconds : 0);

/** `count` items in a timed run. */
export interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
  /** Average CPU cores this process (the client) used meanwhile. */
  clientCores: number;
}

export const throughput = (count: number, run: Pick<Timed<unknown>, 'seconds' | 'cpuSeconds'>): Throughput => ({
  count,
  seconds: run.seconds,
  perSecond: perSecond(count, run.seconds),
  clientCores: run.seconds > 0 ? run.cpuSeconds / run.seconds : 0,
});

/**
 * Drives one writer per lane, all at once; each writer works through its own
 * lane in order and waits for each call before the next (closed loop).
 */
export async function runLanes<T>(lanes: readonly (readonly T[])[], work: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(
    lanes.map(async (lane) => {
      for (const item of lane) await work(item);
    }),
  );
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A positive integer from the environment variable `name`, `fallback` when unset; `_` allowed as separator. */
export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const cleanups = new Set<() => Promise<void>>();
let interruptible = false;

/**
 * Opens a resource, uses it and always disposes of it — also on Ctrl-C, so an
 * interrupted run leaves no schema, database or child process behind.
 */
export async function guarded<T extends { dispose(): Promise<void> }>(
  open: () => Promise<T>,
  use: (it: T) => Promise<void>,
): Promise<void> {
  if (!interruptible) {
    interruptible = true;
    process.once('SIGINT', () => {
      console.error('\ninterrupted: dropping what the benchmark created…');
      void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
    });
  }
  const it = await open();
  const dispose = (): Promise<void> => it.dispose();
  cleanups.add(dispose);
  try {
    await use(it);
  } finally {
    cleanups.delete(dispose);
    await dispose();
  }
}
