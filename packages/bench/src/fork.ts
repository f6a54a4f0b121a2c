/**
 * Starts a benchmark's child process (load generator, server) from a module of this
 * package: it inherits tsx's loader flags but not a profiler's, so a profile of the
 * parent covers the parent only; stdout and stderr are the parent's, jobs go over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';

const PROFILER_FLAGS = /^--(cpu-prof|heap-prof|prof)/;

export const forkChild = (module: URL): ChildProcess =>
  fork(module, {
    execArgv: process.execArgv.filter((flag) => !PROFILER_FLAGS.test(flag)),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
