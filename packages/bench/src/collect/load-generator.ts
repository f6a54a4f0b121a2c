/**
 * The parent's handle on the load generator process (load-worker.ts): one process
 * for the whole benchmark, one job at a time. The process inherits tsx's loader
 * flags but not a profiler's, so `node --cpu-prof` profiles the server only.
 */
import { forkChild } from '../fork';
import type { LoadJob, LoadMessage, LoadResult } from './load-job';

export interface LoadGenerator {
  run(job: Omit<LoadJob, 'id'>): Promise<LoadResult>;
  dispose(): Promise<void>;
}

export function startLoadGenerator(): LoadGenerator {
  const child = forkChild(new URL('./load-worker.ts', import.meta.url));
  let nextId = 1;
  const waiting = new Map<number, { resolve(result: LoadResult): void; reject(error: Error): void }>();
  const failAll = (error: Error): void => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  child.on('message', (message: LoadMessage) => {
    const id = message.kind === 'result' ? message.result.id : message.id;
    const pending = waiting.get(id);
    waiting.delete(id);
    if (message.kind === 'result') pending?.resolve(message.result);
    else pending?.reject(new Error(`load generator failed: ${message.error}`));
  });
  child.on('exit', (code, signal) => failAll(new Error(`load generator exited (${signal ?? code})`)));
  child.on('error', (error) => failAll(error));

  return {
    run(job) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ ...job, id } satisfies LoadJob);
      });
    },
    async dispose() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
