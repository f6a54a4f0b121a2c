/**
 * The benchmark's handle on the server process (server-worker.ts): one per backend, so
 * each backend's memory figures start from a fresh process. The process inherits tsx's
 * loader flags but not a profiler's.
 */
import { forkChild } from '../fork';
import type { ServerAnswers, ServerJob, ServerReply, ServerRequest } from './server-job';

export interface ServerProcess {
  ask<J extends ServerJob>(job: J): Promise<ServerAnswers[J['kind']]>;
  /** Closes the server's database, then ends the process. */
  dispose(): Promise<void>;
}

export function forkServer(): ServerProcess {
  const child = forkChild(new URL('./server-worker.ts', import.meta.url));
  let nextId = 1;
  const waiting = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  const failAll = (error: Error): void => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  child.on('message', (reply: ServerReply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.result);
    else pending?.reject(new Error(`server process failed: ${reply.error}`));
  });
  child.on('exit', (code, signal) => failAll(new Error(`server process exited (${signal ?? code})`)));
  child.on('error', (error) => failAll(error));

  const ask = <J extends ServerJob>(job: J): Promise<ServerAnswers[J['kind']]> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
      child.send({ id, job } satisfies ServerRequest);
    });
  };
  let disposed: Promise<void> | undefined;
  const dispose = async (): Promise<void> => {
    if (!alive()) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await ask({ kind: 'close' });
    } finally {
      if (child.connected) child.disconnect();
      await exited;
    }
  };
  // Ctrl-C and the end of a run may both dispose: the second waits for the first.
  return { ask, dispose: () => (disposed ??= dispose()) };
}
