import type { ServiceName } from '@c360/config';
import { DEAD_LETTER_ARCHIVE_GROUP, INGESTOR_GROUP } from '@c360/ingestor';
import {
  busCheck,
  busLagGauge,
  eventStoreCheck,
  projectorLagGauges,
  scrapedGauge,
  sqlCheck,
  type Logger,
  type ReadinessCheck,
} from '@c360/observability';
import { PROFILE_PROJECTION } from '@c360/projector';
import { readCheckpoint } from '@c360/read-models';
import { CHANNELS } from '@c360/touchpoint';
import type { Resources } from './resources';

/** The consumer group of the quarantine index (@c360/channels' quarantine store). */
const QUARANTINE_INDEX_GROUP = 'c360-quarantine-index';
/** A group that never consumes: the bus probe of /readyz reads its (empty) offsets. */
const READINESS_GROUP = 'c360-readiness-probe';

/**
 * /readyz checks for what this process opened: SQL always; the event store and the
 * bus when a selected service uses them. Call after the services started.
 */
export async function readinessChecks(resources: Resources): Promise<ReadinessCheck[]> {
  const { config } = resources;
  const opened = resources.describe();
  const checks = [sqlCheck(resources.sql)];
  if (opened.eventStore) checks.push(eventStoreCheck(await resources.eventStore()));
  if (opened.bus) {
    checks.push(busCheck(await resources.bus(), { groupId: READINESS_GROUP, topic: config.C360_TOPIC_TOUCHPOINTS }));
  }
  return checks;
}

/**
 * Gauges read at every scrape, for the services this process runs: consumer lag of
 * the ingestor, the quarantine index and the dead-letter archive; projector lag;
 * open quarantine items per channel; dead letters not yet retried. Call after the
 * services started (their tables are migrated then).
 */
export async function registerGauges(
  resources: Resources,
  services: readonly ServiceName[],
  logger: Logger,
): Promise<void> {
  const { config, registry, sql } = resources;
  const runs = (service: ServiceName) => services.includes(service);
  if (resources.describe().bus) {
    const bus = await resources.bus();
    const consumers = [
      ...(runs('ingestor') ? [{ groupId: INGESTOR_GROUP, topic: config.C360_TOPIC_TOUCHPOINTS }] : []),
      ...(runs('collector') ? [{ groupId: QUARANTINE_INDEX_GROUP, topic: config.C360_TOPIC_QUARANTINE }] : []),
      ...(runs('ingestor') ? [{ groupId: DEAD_LETTER_ARCHIVE_GROUP, topic: config.C360_TOPIC_DLQ }] : []),
    ];
    busLagGauge({ registry, bus, consumers, logger });
  }
  if (runs('ingestor')) {
    const bus = await resources.bus();
    // The ingestor writes the dead letters and runs their archive, so its processes report them.
    scrapedGauge({
      registry,
      name: 'c360_dead_letters',
      help: 'Dead letters not yet retried: open in the archive, plus those on the dead-letter topic the archive has not read yet',
      labelNames: [],
      logger,
      read: async () => {
        const onTopic = (await bus.lag(DEAD_LETTER_ARCHIVE_GROUP, config.C360_TOPIC_DLQ)).reduce(
          (sum, p) => sum + p.behind,
          0n,
        );
        // The ingestor's start migrated the archive table (startDeadLetterArchive) before the gauges were registered.
        const { rows } = await sql.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM dead_letters WHERE retried_at IS NULL',
        );
        return [{ labels: {}, value: Number(onTopic) + rows[0]!.n }];
      },
    });
  }
  if (runs('projector')) {
    projectorLagGauges({
      registry,
      store: await resources.eventStore(),
      projections: [{ name: PROFILE_PROJECTION, checkpoint: () => readCheckpoint(sql, PROFILE_PROJECTION) }],
      logger,
    });
  }
  if (runs('collector')) {
    scrapedGauge({
      registry,
      name: 'c360_quarantine_items',
      help: 'Open items in the quarantine store (rejected inputs awaiting an operator), by channel',
      labelNames: ['channel'] as const,
      logger,
      read: async () => {
        const { rows } = await sql.query<{ channel: string; n: number }>(
          `SELECT channel, count(*)::int AS n FROM quarantine WHERE status = 'open' GROUP BY channel`,
        );
        const counts = new Map<string, number>(CHANNELS.map((channel) => [channel, 0]));
        for (const row of rows) counts.set(row.channel, row.n);
        return [...counts].map(([channel, value]) => ({ labels: { channel }, value }));
      },
    });
  }
}
