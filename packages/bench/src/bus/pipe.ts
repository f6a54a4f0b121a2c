/**
 * What every contender of the bus benchmark offers — our adapters through the bus
 * port and the raw ceilings beside them — so one set of phases (phases.ts) drives
 * them all alike.
 */

export interface Reader {
  /** Stops reading (after the batch in progress); resolves when it has. */
  stop(): Promise<void>;
  /** Rejects if the reader failed for good; never resolves before `stop`. */
  readonly failed: Promise<never>;
}

export interface Pipe<T> {
  /** e.g. `ours`, `raw kafkajs`. */
  label: string;
  /** A fresh, empty topic (or table). */
  createTopic(name: string): Promise<void>;
  /** One batch, durable when the promise resolves. */
  publish(topic: string, batch: readonly T[]): Promise<void>;
  /**
   * Reads the topic from the start as a new consumer group and hands the ids of
   * each batch it read to `seen` (the touchpoint ids when it decodes, else
   * positions). Resolves once it has joined and may receive messages.
   */
  read(topic: string, seen: (ids: readonly string[]) => void): Promise<Reader>;
  /** Why the pipe cannot be read while it is being written, when it cannot. */
  notTailable?: string;
}

/** A reader's `failed` that only rejects: `Promise.race`-able against the wait for all messages. */
export function failure(done: Promise<unknown>, what: string): Promise<never> {
  const failed = done.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => {
      throw new Error(`${what} failed: ${(error as Error).message}`, { cause: error });
    },
  );
  failed.catch(() => undefined); // observed by whoever races it; not an unhandled rejection otherwise
  return failed;
}
