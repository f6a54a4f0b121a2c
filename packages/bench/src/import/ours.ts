/**
 * The subject, inside the server process: the real collector — `createCollector` with the
 * call-detail and receipts CSV adapters configured as the platform's collector configures
 * them (services/platform/src/parts/collector.ts: default phone region, body limit, a
 * payment token key) — on the embedded log, behind a `call_center` and a `pos` write key.
 */
import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { migrateAuth, sourceKeyStore } from '@c360/auth';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { callCsvImportAdapter } from '@c360/channel-callcenter';
import { posReceiptsCsvAdapter } from '@c360/channel-pos';
import { createCollector, migrateChannels, type ChannelAdapter } from '@c360/channels';
import type { Sql } from '@c360/sql';
import { listen, type Listening } from '../collect/server';
import { TOPICS } from '../collect/ours';
import type { CsvKind } from './files';

/** The platform's defaults (C360_DEFAULT_PHONE_REGION, C360_CSV_IMPORT_MAX_BYTES). */
const DEFAULT_REGION = 'US';
const MAX_BYTES = 256 * 1024 * 1024;

/** The two CSV adapters as the platform mounts them; the import without HTTP runs the same. */
export function csvAdapters(paymentTokenKey: Buffer): Record<CsvKind, ChannelAdapter> {
  return {
    calls: callCsvImportAdapter({ defaultRegion: DEFAULT_REGION, limits: { maxBytes: MAX_BYTES } }),
    receipts: posReceiptsCsvAdapter({
      paymentTokenKey,
      defaultRegion: DEFAULT_REGION,
      limits: { maxBytes: MAX_BYTES },
    }),
  };
}

export interface ImportCollector extends Listening {
  /** `Basic …` with the write key of the source each import needs. */
  authorization: Record<CsvKind, string>;
  /** Messages on the touchpoint topic, their distinct touchpoint ids, and messages on the quarantine topic. */
  counts(): Promise<{ touchpoints: number; distinct: number; quarantined: number }>;
  /** What the collector logged (unexpected errors and every 5xx), oldest first. */
  logged: unknown[];
}

export async function startImportCollector(sql: Sql, options: { partitions: number }): Promise<ImportCollector> {
  await migrateEmbeddedLog(sql);
  await migrateAuth(sql);
  await migrateChannels(sql);
  const bus = getEmbeddedLogBus(sql);
  await bus.ensureTopics([
    { name: TOPICS.touchpoints, partitions: options.partitions },
    { name: TOPICS.quarantine, partitions: options.partitions },
  ]);
  const logged: unknown[] = [];
  const adapters = csvAdapters(randomBytes(32));
  const collector = createCollector({
    sql,
    bus,
    topics: TOPICS,
    adapters: [adapters.calls, adapters.receipts],
    registry: new Registry(),
    log: (error) => void logged.push(error),
  });
  await collector.start();
  const keys = sourceKeyStore(sql);
  const basic = async (channel: 'call_center' | 'pos'): Promise<string> => {
    const { writeKey } = await keys.create({ name: `bench:import ${channel}`, channel });
    return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  };
  const authorization = { calls: await basic('call_center'), receipts: await basic('pos') };
  const server = await listen(collector.app);
  return {
    ...server,
    authorization,
    async counts() {
      const { rows } = await sql.query<{ topic: string; n: number; ids: number }>(
        `SELECT topic, count(*)::int AS n, count(DISTINCT headers->>'c360-touchpoint-id')::int AS ids
           FROM bus_messages WHERE topic IN ($1, $2) GROUP BY topic`,
        [TOPICS.touchpoints, TOPICS.quarantine],
      );
      const touchpoints = rows.find((r) => r.topic === TOPICS.touchpoints);
      const quarantined = rows.find((r) => r.topic === TOPICS.quarantine)?.n ?? 0;
      return { touchpoints: touchpoints?.n ?? 0, distinct: touchpoints?.ids ?? 0, quarantined };
    },
    logged,
    async dispose() {
      await server.dispose();
      await collector.stop();
      await bus.close();
    },
  };
}
