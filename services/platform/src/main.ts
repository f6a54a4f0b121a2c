import { createServer } from 'node:http';
import { loadConfig } from '@c360/config';
import { C360Error } from '@c360/errors';
import { openStorage } from './event-store';

/**
 * `npm start`: the embedded default in one process. Today it brings up what exists —
 * configuration, the SQL database (PGlite under ./data unless DATABASE_URL is set),
 * the migrated event store — and serves /healthz and /readyz on C360_PORT. The
 * channel endpoints, ingestor, projectors and query API join this process as their
 * issues land; the banner says which are not there yet.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage(config);
  let ready = true;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/readyz') {
      const ok = path === '/healthz' || ready;
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: ok ? 'ok' : 'stopping', eventStore: storage.describe.eventStore }));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ code: 'not_found', message: `no route ${request.method} ${path}` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.C360_PORT, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.C360_PORT;
  console.log(
    [
      'customer-360 platform (embedded default) is up',
      `  database     ${storage.describe.sql}`,
      `  event store  ${storage.describe.eventStore}`,
      `  health       http://localhost:${port}/healthz  ·  http://localhost:${port}/readyz`,
      '  not yet in this build: channel endpoints, ingestor, projectors, query API, console (they start here when they land)',
      'Ctrl-C or SIGTERM stops it.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    ready = false;
    console.log(`${signal}: stopping`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await storage.close();
    console.log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  const message =
    error instanceof C360Error ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`customer-360 failed to start: ${message}`);
  process.exit(1);
});
