/**
 * The subject: the real collector — `createCollector` with the Segment adapter on
 * the embedded log — assembled as `startCollectorHarness` (@c360/channels/testing)
 * does, but on the database given and with the bus's production timings, behind a
 * write key of the web channel.
 */
import { Registry } from 'prom-client';
import { migrateAuth, sourceKeyStore } from '@c360/auth';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import { segmentAdapter } from '@c360/channel-web';
import { createCollector, migrateChannels } from '@c360/channels';
import type { Sql } from '@c360/sql';
import { listen, type Listening } from './server';

export const TOPICS = { touchpoints: 'c360.touchpoints', quarantine: 'c360.touchpoints.quarantine' };

export interface CollectorUnderTest extends Listening {
  writeKey: string;
  /** `Basic …` with the write key as user name, as Segment's libraries send it. */
  authorization: string;
  /** Messages on the touchpoint topic (rows of bus_messages). */
  touchpoints(): Promise<number>;
  /** What the collector logged (unexpected errors and every 5xx), oldest first. */
  logged: unknown[];
}

export async function startCollector(sql: Sql, options: { partitions: number }): Promise<CollectorUnderTest> {
  await migrateEmbeddedLog(sql);
  await migrateAuth(sql);
  await migrateChannels(sql);
  const bus = getEmbeddedLogBus(sql);
  await bus.ensureTopics([
    { name: TOPICS.touchpoints, partitions: options.partitions },
    { name: TOPICS.quarantine, partitions: options.partitions },
  ]);
  const logged: unknown[] = [];
  const collector = createCollector({
    sql,
    bus,
    topics: TOPICS,
    adapters: [segmentAdapter()],
    registry: new Registry(),
    log: (error) => void logged.push(error),
  });
  await collector.start();
  const { writeKey } = await sourceKeyStore(sql).create({ name: 'bench:collect', channel: 'web' });
  const server = await listen(collector.app);
  return {
    ...server,
    writeKey,
    authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
    async touchpoints() {
      const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bus_messages WHERE topic = $1', [
        TOPICS.touchpoints,
      ]);
      return rows[0]?.n ?? 0;
    },
    logged,
    async dispose() {
      await server.dispose();
      await collector.stop();
      await bus.close();
    },
  };
}
