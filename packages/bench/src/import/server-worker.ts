/**
 * The server process (forked by server-process.ts): opens the database, starts the
 * collector on it and answers the benchmark's jobs — memory watches and bus counts. PGlite
 * runs in here too, as it would in a platform process. Ctrl-C is left to the benchmark,
 * which closes this process's database before it ends it; should the benchmark vanish,
 * the database is closed on the lost channel.
 */
import { openBackend, type Backend } from '../collect/backends';
import { watchMemory, type MemoryWatch } from './memory';
import { startImportCollector, type ImportCollector } from './ours';
import type { ServerAnswers, ServerJob, ServerReply, ServerRequest } from './server-job';

let backend: Backend | undefined;
let collector: ImportCollector | undefined;
let watch: MemoryWatch | undefined;
let sampleMs = 100;
let closing: Promise<void> | undefined;

/** Closes the collector and the database once; every later call waits for that one. */
function close(): Promise<void> {
  closing ??= (async () => {
    try {
      await collector?.dispose();
    } finally {
      await backend?.db.dispose();
    }
  })();
  return closing;
}

async function handle(job: ServerJob): Promise<ServerAnswers[ServerJob['kind']]> {
  switch (job.kind) {
    case 'open': {
      if (backend || closing) throw new Error('the server is already open or closed');
      sampleMs = job.sampleMs;
      backend = await openBackend(job.backend, { poolMax: job.poolMax });
      collector = await startImportCollector(backend.db.sql, { partitions: job.partitions });
      return { origin: collector.origin, description: backend.description, authorization: collector.authorization };
    }
    case 'watch':
      if (watch) throw new Error('memory is already watched');
      watch = watchMemory(sampleMs);
      return watch.baseline;
    case 'unwatch': {
      if (!watch) throw new Error('memory is not watched');
      const watched = watch.stop();
      watch = undefined;
      return watched;
    }
    case 'counts': {
      if (!collector) throw new Error('the server is not open');
      return { ...(await collector.counts()), logged: collector.logged.map((e) => String(e)) };
    }
    case 'close':
      await close();
      return null;
    default: {
      const never: never = job;
      throw new Error(`unknown job ${JSON.stringify(never)}`);
    }
  }
}

process.on('SIGINT', () => undefined);
process.on('message', (request: ServerRequest) => {
  const reply = (message: ServerReply): void => void process.send?.(message);
  handle(request.job).then(
    (result) => reply({ id: request.id, ok: true, result }),
    (error: unknown) => reply({ id: request.id, ok: false, error: String((error as Error)?.stack ?? error) }),
  );
});
process.on('disconnect', () => void close().finally(() => process.exit(0)));
