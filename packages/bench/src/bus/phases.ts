/**
 * The timed phases, the same for every contender: publish everything, read
 * everything back from the start, and both at once. A reading phase succeeds only
 * if every expected id arrived (duplicates allowed: the bus is at-least-once);
 * anything missing fails the run instead of flattering it.
 */
import { runLanes, throughput, timed, type Throughput } from '../measure';
import { failure, type Pipe } from './pipe';

export interface Consumed extends Throughput {
  /** Deliveries beyond the first of each id (at-least-once redelivery). */
  redelivered: number;
}

export interface ReadOptions {
  expected: number;
  /** When given, every id read must be one of these (the touchpoint ids published). */
  ids?: ReadonlySet<string>;
  /** No new delivery for this long fails the phase. */
  stallMs: number;
}

/** Batch `k` in lane `k mod lanes`: `lanes` publishers, each in its own order. */
const lanesOf = <T>(batches: readonly T[], lanes: number): T[][] =>
  Array.from({ length: lanes }, (_, lane) => batches.filter((_, k) => k % lanes === lane));

const count = (batches: readonly (readonly unknown[])[]): number => batches.reduce((n, b) => n + b.length, 0);

export async function publishPhase<T>(
  pipe: Pipe<T>,
  topic: string,
  batches: readonly (readonly T[])[],
  lanes: number,
): Promise<Throughput> {
  const run = await timed(() => runLanes(lanesOf(batches, lanes), (batch) => pipe.publish(topic, batch)));
  return throughput(count(batches), run);
}

/** What a reader handed over, and a promise that resolves once every expected id was seen. */
function tally(options: ReadOptions) {
  const distinct = new Set<string>();
  let deliveries = 0;
  let reached!: () => void;
  const complete = new Promise<void>((resolve) => (reached = resolve));
  return {
    seen(ids: readonly string[]): void {
      deliveries += ids.length;
      for (const id of ids) distinct.add(id);
      if (distinct.size >= options.expected) reached();
    },
    /** Resolves when complete; rejects when one of `failures` rejects or nothing arrives for `stallMs`. */
    async wait(failures: readonly Promise<never>[]): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        let last = -1;
        let lastChange = Date.now();
        timer = setInterval(() => {
          if (deliveries !== last) [last, lastChange] = [deliveries, Date.now()];
          else if (Date.now() - lastChange > options.stallMs) {
            reject(
              new Error(
                `stalled: ${distinct.size} of ${options.expected} distinct ids read, none for ${options.stallMs / 1000} s`,
              ),
            );
          }
        }, 200);
      });
      try {
        await Promise.race([complete, stalled, ...failures]);
      } finally {
        clearInterval(timer);
      }
    },
    /** Throws unless exactly the expected ids arrived, each at least once. */
    verify(): number {
      const stray = options.ids ? [...distinct].filter((id) => !options.ids!.has(id)) : [];
      if (distinct.size !== options.expected || stray.length > 0) {
        throw new Error(
          `lost or unknown messages: ${distinct.size} distinct ids read, ${options.expected} published` +
            (stray.length > 0 ? `, ${stray.length} not published (e.g. ${stray[0]})` : ''),
        );
      }
      return deliveries - distinct.size;
    },
  };
}

/** Joins a new group on `topic` (untimed), then times reading everything from the start. */
export async function consumePhase<T>(pipe: Pipe<T>, topic: string, options: ReadOptions): Promise<Consumed> {
  const counted = tally(options);
  const reader = await pipe.read(topic, counted.seen);
  try {
    const run = await timed(() => counted.wait([reader.failed]));
    return { ...throughput(options.expected, run), redelivered: counted.verify() };
  } finally {
    await reader.stop();
  }
}

/** A reader joined first (untimed); then timed from the first publish until the last message was read. */
export async function endToEndPhase<T>(
  pipe: Pipe<T>,
  topic: string,
  batches: readonly (readonly T[])[],
  lanes: number,
  options: ReadOptions,
): Promise<Consumed> {
  const counted = tally(options);
  const reader = await pipe.read(topic, counted.seen);
  try {
    const run = await timed(async () => {
      const published = runLanes(lanesOf(batches, lanes), (batch) => pipe.publish(topic, batch));
      await Promise.all([published, counted.wait([reader.failed, failure(published, 'publishing')])]);
    });
    return { ...throughput(options.expected, run), redelivered: counted.verify() };
  } finally {
    await reader.stop();
  }
}
