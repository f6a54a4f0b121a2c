import { createHmac } from 'node:crypto';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Bus } from '@c360/bus';
import { type Config, platformTopics } from '@c360/config';
import type { EventStore } from '@c360/event-store';
import { identityPolicy, type IdentityPolicy } from '@c360/identity';
import { loadOrCreateMasterKey, migrateKeyring, openKeyring, type Keyring } from '@c360/keyring';
import { createLogger, errorCallback, type Logger } from '@c360/observability';
import type { Sql } from '@c360/sql';
import { openBus } from './bus';
import { openEventStore, openSql } from './storage';

/**
 * What the services of one process share. The SQL database is always open (API
 * tokens, credentials); everything else is opened, migrated and, for the bus, given
 * its topics on first use only, so a service alone opens just what it needs.
 */
export interface Resources {
  config: Config;
  sql: Sql;
  /** One metrics registry per process, served on /metrics. */
  registry: Registry;
  policy: IdentityPolicy;
  /** The process's structured logger (JSON on stdout); each service logs through a child of it. */
  logger: Logger;
  /** Unexpected errors, as error lines of `logger`. */
  log: (error: unknown) => void;
  eventStore(): Promise<EventStore>;
  bus(): Promise<Bus>;
  masterKey(): Promise<Buffer>;
  /** Keyed identifier hashes and per-customer data keys (@c360/keyring). */
  keyring(): Promise<Keyring>;
  /** Payment tokens are kept only as a keyed hash; its key derives from the master key. */
  paymentTokenKey(): Promise<Buffer>;
  /** What has been opened so far, for the banner and /readyz. */
  describe(): { sql: string; eventStore?: string; bus?: string };
  /** Closes what was opened, in reverse order. */
  close(): Promise<void>;
}

const once = <T>(open: () => Promise<T>): (() => Promise<T>) => {
  let opened: Promise<T> | undefined;
  return () => (opened ??= open());
};

export async function openResources(config: Config, options: { logger?: Logger } = {}): Promise<Resources> {
  const logger =
    options.logger ??
    createLogger({
      level: config.C360_LOG_LEVEL,
      service: config.C360_SERVICES.length === 1 ? config.C360_SERVICES[0]! : 'platform',
    });
  const opened = await openSql(config);
  const { sql } = opened;
  const closers: (() => Promise<void>)[] = [() => sql.close()];
  const describe: { sql: string; eventStore?: string; bus?: string } = { sql: opened.describe };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const eventStore = once(async () => {
    const store = await openEventStore(config, opened);
    closers.push(() => store.eventStore.close());
    describe.eventStore = store.describe;
    return store.eventStore;
  });
  const bus = once(async () => {
    const { bus: opened, describe: busDescription } = await openBus(config, sql);
    closers.push(() => opened.close());
    describe.bus = busDescription;
    await opened.ensureTopics(platformTopics(config));
    return opened;
  });
  const masterKey = once(() =>
    loadOrCreateMasterKey({ configured: config.C360_MASTER_KEY, dataDir: config.C360_DATA_DIR }),
  );
  const keyring = once(async () => {
    await migrateKeyring(sql);
    return openKeyring({ sql, masterKey: await masterKey(), cacheSize: 100_000 });
  });
  const paymentTokenKey = once(async () =>
    createHmac('sha256', await masterKey())
      .update('c360/payment-token-key')
      .digest(),
  );

  return {
    config,
    sql,
    registry,
    policy: identityPolicy({ defaultRegion: config.C360_DEFAULT_PHONE_REGION }),
    logger,
    log: errorCallback(logger, 'unexpected error'),
    eventStore,
    bus,
    masterKey,
    keyring,
    paymentTokenKey,
    describe: () => ({ ...describe }),
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}
