import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Registry } from 'prom-client';
import { apiTokenStore, migrateAuth, sourceKeyStore, type SourceChannel } from '@c360/auth';
import type { Bus, IncomingMessage } from '@c360/bus';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { decodeTouchpoint, type Touchpoint } from '@c360/touchpoint';
import type { ChannelAdapter } from '../adapter';
import { createCollector } from '../collector';
import type { QuarantineMessage } from '../intake';
import { migrateChannels } from '../index';

export interface CollectorHarness {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  writeKey: string;
  adminToken: string;
  /** Basic auth header value for the write key (Segment style). */
  basic: string;
  /** Everything published on the touchpoint topic so far, decoded. */
  touchpoints(): Promise<Touchpoint[]>;
  /** Everything published on the quarantine topic so far. */
  quarantined(): Promise<QuarantineMessage[]>;
  registry: Registry;
  db: TestDatabase;
  /** The collector's bus (the embedded log in `db`): e.g. for an ingestor consuming what the adapters published. */
  bus: Bus;
  close(): Promise<void>;
}

const TOPICS = { touchpoints: 'c360.touchpoints', quarantine: 'c360.touchpoints.quarantine' };

/**
 * A real collector for adapter tests: PGlite, the embedded log, the adapters given,
 * an HTTP server on a free port, a write key for `channel` and an admin token.
 */
export async function startCollectorHarness(options: {
  adapters: ChannelAdapter[];
  channel: SourceChannel;
  now?: () => Date;
}): Promise<CollectorHarness> {
  const db = await pgliteTestDatabase();
  await migrateEmbeddedLog(db.sql);
  await migrateAuth(db.sql);
  await migrateChannels(db.sql);
  const bus = getEmbeddedLogBus(db.sql, {
    timings: { heartbeatIntervalMs: 200, sessionTimeoutMs: 2_000, pollIntervalMs: 20, retryBackoffMs: 50 },
  });
  await bus.ensureTopics([
    { name: TOPICS.touchpoints, partitions: 4 },
    { name: TOPICS.quarantine, partitions: 1 },
  ]);
  const registry = new Registry();
  const collector = createCollector({
    sql: db.sql,
    bus,
    topics: TOPICS,
    adapters: options.adapters,
    registry,
    now: options.now,
    log: () => undefined,
  });
  await collector.start();
  const { writeKey } = await sourceKeyStore(db.sql).create({ name: 'test source', channel: options.channel });
  const { secret: adminToken } = await apiTokenStore(db.sql).create({ name: 'test admin', role: 'admin' });
  const server: Server = await new Promise((resolve) => {
    const s = collector.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;

  const readTopic = async (topic: string): Promise<IncomingMessage[]> => {
    const { rows } = await db.sql.query<{ partition: number; offset: bigint; key: string; value: Uint8Array }>(
      `SELECT partition, "offset", key, value FROM bus_messages WHERE topic = $1 ORDER BY created_at, partition, "offset"`,
      [topic],
    );
    return rows.map((r) => ({
      topic,
      partition: r.partition,
      offset: r.offset,
      key: r.key,
      value: Buffer.from(r.value),
      headers: {},
      timestamp: new Date(),
    }));
  };

  return {
    url: `http://127.0.0.1:${port}`,
    writeKey,
    adminToken,
    basic: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
    touchpoints: async () => (await readTopic(TOPICS.touchpoints)).map((m) => decodeTouchpoint(m.value)),
    quarantined: async () =>
      (await readTopic(TOPICS.quarantine)).map((m) => JSON.parse(m.value.toString()) as QuarantineMessage),
    registry,
    db,
    bus,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await collector.stop();
      await bus.close();
      await db.dispose();
    },
  };
}
