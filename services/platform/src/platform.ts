import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { migrateAuth } from '@c360/auth';
import { type Config, platformTopics } from '@c360/config';
import { createCollector, migrateChannels } from '@c360/channels';
import { amazonConnectAdapter, twilioVoiceAdapter } from '@c360/channel-callcenter';
import { inboundMimeAdapter, sendgridEventsAdapter } from '@c360/channel-email';
import { posReceiptsAdapter, shopifyAdapter } from '@c360/channel-pos';
import { segmentAdapter } from '@c360/channel-web';
import { identityPolicy } from '@c360/identity';
import { ingestorMetrics, startIngestor } from '@c360/ingestor';
import { loadOrCreateMasterKey, migrateKeyring, openKeyring } from '@c360/keyring';
import { startProjector } from '@c360/projector';
import { createQueryApi, migrateQueryApi } from '@c360/query-api';
import { migrateReadModels } from '@c360/read-models';
import { bootstrapCredentials, type LocalCredentials } from './bootstrap';
import { openBus } from './bus';
import { openStorage } from './storage';

export interface RunningPlatform {
  /** e.g. `http://localhost:8080` */
  url: string;
  port: number;
  credentials: LocalCredentials;
  describe: { sql: string; eventStore: string; bus: string };
  /** Graceful stop: refuse new requests, finish those in flight, stop consumers, close stores. */
  stop(): Promise<void>;
}

/**
 * Every service of the platform in this process, on one HTTP port: the channel
 * endpoints (web, email) with their admin routes and /metrics, and /healthz,
 * /readyz; the query API; the ingestor, resolving identities from the touchpoint
 * topic into the event store; and the projector, building the read models. Which database, event store and bus is decided by `config`.
 */
export async function startPlatform(
  config: Config,
  options: { log?: (error: unknown) => void } = {},
): Promise<RunningPlatform> {
  const storage = await openStorage(config);
  const closers: (() => Promise<void>)[] = [() => storage.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    await migrateAuth(storage.sql);
    await migrateChannels(storage.sql);
    const { bus, describe: busDescription } = await openBus(config, storage.sql);
    closers.push(() => bus.close());
    await bus.ensureTopics(platformTopics(config));
    const credentials = await bootstrapCredentials(config, storage.sql);

    await migrateKeyring(storage.sql);
    const masterKey = await loadOrCreateMasterKey({
      configured: config.C360_MASTER_KEY,
      dataDir: config.C360_DATA_DIR,
    });
    const keyring = await openKeyring({ sql: storage.sql, masterKey, cacheSize: 100_000 });
    // Payment tokens are kept only as a keyed hash; its key derives from the master key.
    const paymentTokenKey = createHmac('sha256', masterKey).update('c360/payment-token-key').digest();

    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const collector = createCollector({
      sql: storage.sql,
      bus,
      topics: { touchpoints: config.C360_TOPIC_TOUCHPOINTS, quarantine: config.C360_TOPIC_QUARANTINE },
      adapters: [
        segmentAdapter(),
        sendgridEventsAdapter({ verificationKey: config.C360_SENDGRID_VERIFICATION_KEY }),
        inboundMimeAdapter(),
        amazonConnectAdapter({ defaultRegion: config.C360_DEFAULT_PHONE_REGION }),
        posReceiptsAdapter({ paymentTokenKey, defaultRegion: config.C360_DEFAULT_PHONE_REGION }),
        ...(config.C360_SHOPIFY_WEBHOOK_SECRET
          ? [
              shopifyAdapter({
                webhookSecret: config.C360_SHOPIFY_WEBHOOK_SECRET,
                defaultRegion: config.C360_DEFAULT_PHONE_REGION,
              }),
            ]
          : []),
        twilioVoiceAdapter({
          authToken: config.C360_TWILIO_AUTH_TOKEN,
          publicUrl: config.C360_PUBLIC_URL,
          defaultRegion: config.C360_DEFAULT_PHONE_REGION,
        }),
      ],
      registry,
      log: options.log,
    });
    await collector.start();
    closers.push(() => collector.stop());

    const policy = identityPolicy({ defaultRegion: config.C360_DEFAULT_PHONE_REGION });
    const ingestor = startIngestor({
      bus,
      store: storage.eventStore,
      keys: keyring,
      policy,
      topics: { touchpoints: config.C360_TOPIC_TOUCHPOINTS, dlq: config.C360_TOPIC_DLQ },
      metrics: ingestorMetrics(registry),
      log: options.log
        ? (message, error) => options.log?.(error ? `${message}: ${String(error)}` : message)
        : undefined,
    });
    closers.push(() => ingestor.stop());
    await ingestor.consumer.ready;

    await migrateReadModels(storage.sql);
    await migrateQueryApi(storage.sql);
    const queryApi = createQueryApi({ sql: storage.sql, store: storage.eventStore, keyring, policy, log: options.log });
    const projector = await startProjector({ store: storage.eventStore, sql: storage.sql, sealer: keyring });
    closers.push(() => projector.stop());

    let ready = true;
    const app = express();
    app.disable('x-powered-by');
    app.get('/healthz', (_request, response) => {
      response.json({ status: 'ok' });
    });
    app.get('/readyz', (_request, response) => {
      response.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'stopping',
        eventStore: storage.describe.eventStore,
        bus: busDescription,
      });
    });
    app.use(queryApi.router);
    app.use(collector.app);

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
      credentials,
      describe: { ...storage.describe, bus: busDescription },
      stop() {
        stopping ??= (async () => {
          ready = false;
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          });
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
