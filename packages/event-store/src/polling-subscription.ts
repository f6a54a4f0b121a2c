import type { RecordedEvent, ReadAllOptions, SubscribeToAllOptions, Subscription } from './port';

export interface PollingOptions {
  /** Shortest and longest pause between empty reads; doubles from one to the other while idle. */
  minIdleMs?: number;
  maxIdleMs?: number;
  /** Registers a callback that cuts the idle pause short (e.g. an in-process append); returns an unregister. */
  onWake?: (wake: () => void) => () => void;
}

/**
 * A catch-up subscription over any `readAll` whose order is final (no event can
 * later appear below a position already returned). Reads a batch, awaits the
 * handler, advances the checkpoint, repeats; idles with back-off when caught up.
 */
export function pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  options: SubscribeToAllOptions,
  polling: PollingOptions = {},
): Subscription {
  const minIdle = polling.minIdleMs ?? 5;
  const maxIdle = polling.maxIdleMs ?? 100;
  const batchSize = options.batchSize ?? 500;
  let checkpoint = options.after ?? 0n;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  const wake = (): void => wakeUp?.();
  const unregister = polling.onWake?.(wake);

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const run = async (): Promise<void> => {
    let idle = minIdle;
    try {
      while (!stopping) {
        const events = await readAll({ after: checkpoint, limit: batchSize });
        if (events.length === 0) {
          await pause(idle);
          idle = Math.min(idle * 2, maxIdle);
          continue;
        }
        idle = minIdle;
        await options.handler(events);
        const last = events[events.length - 1];
        if (last) checkpoint = last.globalPosition;
      }
    } finally {
      unregister?.();
    }
  };

  const done = run();
  // `done` is also returned to the caller; this keeps an unobserved failure from
  // being reported as an unhandled rejection before the caller attaches.
  done.catch(() => undefined);
  return {
    get checkpoint() {
      return checkpoint;
    },
    done,
    async stop() {
      stopping = true;
      wake();
      await done.catch(() => undefined);
    },
  };
}
