import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { Bus, Consumer } from '@c360/bus';
import { apiTokenStore, sourceKeyStore } from '@c360/auth';
import { bearerAuth, errorHandler, notFoundRoute } from '@c360/http';
import type { Sql } from '@c360/sql';
import type { AdapterContext, ChannelAdapter } from './adapter';
import { adminRoutes } from './admin-routes';
import { createIntake, type IntakeTopics } from './intake';
import { channelMetrics } from './metrics';
import { quarantineStore } from './quarantine-store';

export interface CollectorOptions {
  sql: Sql;
  bus: Bus;
  topics: IntakeTopics;
  adapters: readonly ChannelAdapter[];
  registry: Registry;
  now?: () => Date;
  log?: (error: unknown) => void;
}

/**
 * The collector: every channel adapter's endpoints, the admin endpoints (source
 * keys, quarantine) and /metrics on one express app. `start` begins indexing the
 * quarantine topic; `stop` ends that consumer gracefully.
 */
export function createCollector(options: CollectorOptions): {
  app: Express;
  context: AdapterContext;
  start(): Promise<void>;
  stop(): Promise<void>;
} {
  const sourceKeys = sourceKeyStore(options.sql);
  const tokens = apiTokenStore(options.sql);
  const quarantine = quarantineStore(options.sql);
  const intake = createIntake({ bus: options.bus, topics: options.topics, metrics: channelMetrics(options.registry) });
  const context: AdapterContext = { intake, sourceKeys, now: options.now ?? (() => new Date()) };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const channelRouter = express.Router();
  for (const adapter of options.adapters) adapter.mount(channelRouter, context);
  app.use(channelRouter);
  app.use(adminRoutes({ tokens, sourceKeys, quarantine, adapters: options.adapters, context }));
  app.get('/metrics', bearerAuth(tokens, 'reader'), async (_request, response, next) => {
    try {
      response.type(options.registry.contentType).send(await options.registry.metrics());
    } catch (error) {
      next(error);
    }
  });
  app.use(notFoundRoute);
  app.use(errorHandler(options.log));

  let follower: Consumer | undefined;
  return {
    app,
    context,
    async start() {
      follower = quarantine.follow(options.bus, options.topics.quarantine);
      await follower.ready;
    },
    async stop() {
      await follower?.stop();
    },
  };
}
