import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { apiTokenStore, migrateAuth } from '@c360/auth';
import { type Config, type ServiceName } from '@c360/config';
import { bearerAuth, errorHandler, notFoundRoute } from '@c360/http';
import { errorCallback, healthRoutes, requestObservability, type Logger } from '@c360/observability';
import { bootstrapCredentials, type LocalCredentials } from './bootstrap';
import { startCollector } from './parts/collector';
import { startIngestor } from './parts/ingestor';
import type { ServicePart, StartService } from './parts/part';
import { startProjector } from './parts/projector';
import { startQueryApi } from './parts/query-api';
import { readinessChecks, registerGauges } from './observability';
import { openResources } from './resources';

/** How long a stop waits for requests in flight (inside Kubernetes' default 30 s grace period). */
const DRAIN_DEADLINE_MS = 20_000;

export interface RunningPlatform {
  /** e.g. `http://localhost:8080` */
  url: string;
  port: number;
  /** The services this process runs (`C360_SERVICES`). */
  services: readonly ServiceName[];
  credentials: LocalCredentials;
  /** What was opened; a service alone opens no event store or bus it does not use. */
  describe: { sql: string; eventStore?: string; bus?: string };
  /** Graceful stop: refuse new requests, finish those in flight, stop consumers, close stores. */
  stop(): Promise<void>;
}

/**
 * Start order; the collector comes first (touchpoints are accepted as soon as
 * possible) and its routes are mounted last, because its app ends in a catch-all 404.
 */
const SERVICES: readonly { name: ServiceName; start: StartService }[] = [
  { name: 'collector', start: startCollector },
  { name: 'ingestor', start: startIngestor },
  { name: 'query-api', start: startQueryApi },
  { name: 'projector', start: startProjector },
];

/**
 * The services `config.C360_SERVICES` selects (default: every one) in this process,
 * on one HTTP port: the collector (channel endpoints and their admin routes), the
 * ingestor (touchpoint topic → event store), the query API, the projector (event
 * store → read models); and for any selection /healthz, /readyz and /metrics. Which
 * database, event store and bus is decided by `config`; processes pointed at the same
 * PostgreSQL database (and bus, and event store) form one distributed deployment.
 */
export async function startPlatform(config: Config, options: { logger?: Logger } = {}): Promise<RunningPlatform> {
  const resources = await openResources(config, options);
  const parts: ServicePart[] = [];
  const closeAll = async () => {
    for (const part of [...parts].reverse()) await part.stop();
    await resources.close();
  };
  try {
    // API tokens guard /metrics and every admin and query route, whichever services run here.
    await migrateAuth(resources.sql);
    const credentials = await bootstrapCredentials(config, resources.sql);
    const selected = SERVICES.filter(({ name }) => config.C360_SERVICES.includes(name));
    for (const service of selected) parts.push(await service.start(resources));

    let ready = true;
    const { logger } = resources;
    const services = selected.map(({ name }) => name);
    await registerGauges(resources, services, logger.child({ component: 'metrics' }));
    const app = express();
    app.disable('x-powered-by');
    app.use(requestObservability({ registry: resources.registry, logger: logger.child({ component: 'http' }) }));
    app.use(
      healthRoutes({
        checks: await readinessChecks(resources),
        isStopping: () => !ready,
        logger: logger.child({ component: 'health' }),
      }),
    );
    // Once stopping, a request arriving on a kept-alive connection is refused (the caller retries elsewhere) and the connection closed.
    app.use((_request, response, next) => {
      if (ready) return next();
      response.setHeader('connection', 'close');
      response.setHeader('retry-after', '1');
      response.status(503).json({ code: 'stopping', message: 'this instance is stopping; retry', details: {} });
    });
    app.get('/metrics', bearerAuth(apiTokenStore(resources.sql), 'reader'), async (_request, response, next) => {
      try {
        response.type(resources.registry.contentType).send(await resources.registry.metrics());
      } catch (error) {
        next(error);
      }
    });
    // reverse start order: the collector's routes (and its catch-all 404) come last
    for (const part of [...parts].reverse()) if (part.routes) app.use(part.routes);
    app.use(notFoundRoute);
    app.use(errorHandler(errorCallback(logger.child({ component: 'http' }), 'request failed')));

    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.C360_PORT);
      s.once('listening', () => resolve(s));
      s.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://localhost:${port}`,
      port,
      services,
      credentials,
      describe: resources.describe(),
      stop() {
        stopping ??= (async () => {
          ready = false;
          logger.info({ services }, 'stopping: refusing new requests, finishing those in flight');
          await new Promise<void>((resolve) => {
            // A request still running after the drain deadline is cut off rather than holding the stop forever.
            const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_DEADLINE_MS);
            server.close(() => {
              clearTimeout(deadline);
              resolve();
            });
            server.closeIdleConnections();
          });
          logger.info('requests drained; stopping consumers (committing what they handled) and closing stores');
          await closeAll();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
