/** How a group of queued items is written, and how failures are handled. */
export interface GroupCommitOptions<T> {
  /** Writes the items of one group in one statement (one COMMIT); resolves once durable. */
  write(items: readonly T[]): Promise<void>;
  /** How much of a group's budget an item uses (e.g. its message count); default 1. */
  weight?: (item: T) => number;
  /** Largest total weight of one group; one heavier item still goes, alone. Default 1,000. */
  maxWeight?: number;
  /**
   * When a group of several items fails with an error this accepts (e.g. one item's
   * bad input rather than a lost connection), its items are written again one by one,
   * so the bad one fails alone. Default: never (the whole group fails).
   */
  isolate?: (error: unknown) => boolean;
  /** Called with the items of every group written. */
  onWritten?: (items: readonly T[]) => void;
}

interface Pending<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: `add(item)` resolves once the item is written. Items added while a
 * write is in flight wait and then go together, in the order they were added, in the
 * next write — so an idle system writes at once (no added latency) and a loaded one
 * pays one statement and one WAL flush for many callers instead of one each.
 */
export function groupCommit<T>(options: GroupCommitOptions<T>): { add(item: T): Promise<void> } {
  const weight = options.weight ?? (() => 1);
  const maxWeight = options.maxWeight ?? 1_000;
  const queue: Pending<T>[] = [];
  let writing = false;

  const settle = async (group: Pending<T>[]): Promise<void> => {
    try {
      await options.write(group.map((p) => p.item));
    } catch (error) {
      if (group.length > 1 && options.isolate?.(error)) {
        for (const pending of group) await settle([pending]);
      } else {
        group.forEach((p) => p.reject(error));
      }
      return;
    }
    group.forEach((p) => p.resolve());
    options.onWritten?.(group.map((p) => p.item));
  };

  const takeGroup = (): Pending<T>[] => {
    let total = 0;
    let n = 0;
    for (const pending of queue) {
      total += weight(pending.item);
      if (n > 0 && total > maxWeight) break;
      n++;
    }
    return queue.splice(0, n);
  };

  const drain = async (): Promise<void> => {
    writing = true;
    try {
      while (queue.length > 0) await settle(takeGroup());
    } finally {
      writing = false;
    }
  };

  return {
    add(item) {
      // Queued synchronously: the order of `add` calls is the order of the writes.
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
