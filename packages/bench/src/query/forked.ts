/**
 * The parent's handle on a load generator process: jobs in, results out, matched by
 * id. The child inherits tsx's loader flags but not a profiler's, so a profile of
 * the parent covers the server only. The same plumbing as collect/load-generator.ts,
 * for any worker module and job type.
 */
import { forkChild } from '../fork';

export type WorkerMessage<Result> =
  { kind: 'result'; id: number; result: Result } | { kind: 'failed'; id: number; error: string };

export interface ForkedWorker<Job, Result> {
  run(job: Job): Promise<Result>;
  dispose(): Promise<void>;
}

export function forkWorker<Job extends object, Result>(module: URL): ForkedWorker<Job, Result> {
  const child = forkChild(module);
  let nextId = 1;
  const waiting = new Map<number, { resolve(result: Result): void; reject(error: Error): void }>();
  const failAll = (error: Error): void => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  child.on('message', (message: WorkerMessage<Result>) => {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
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
        child.send({ ...job, id });
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

/** The child's side: answers each job message with its result (or its failure). */
export function serveJobs<Job extends { id: number }, Result>(work: (job: Job) => Promise<Result>): void {
  const reply = (message: WorkerMessage<Result>): void => void process.send?.(message);
  process.on('message', (job: Job) => {
    work(job).then(
      (result) => reply({ kind: 'result', id: job.id, result }),
      (error: unknown) => reply({ kind: 'failed', id: job.id, error: String((error as Error)?.stack ?? error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
