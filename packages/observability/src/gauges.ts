import { Gauge, type Registry } from 'prom-client';
import type { Bus } from '@c360/bus';
import type { EventStore } from '@c360/event-store';
import type { Logger } from './logger';

export interface Sample<Label extends string> {
  labels: Record<Label, string>;
  value: number;
}

export interface ScrapedGaugeOptions<Label extends string> {
  registry: Registry;
  name: string;
  help: string;
  labelNames: readonly Label[];
  /** Read at every scrape: the current value of every series. */
  read: () => Promise<Sample<Label>[]>;
  logger?: Logger;
}

/**
 * A gauge read from its source at every scrape (prom-client `collect`), so it is
 * never stale. When the read fails the gauge has no series for that scrape (absent
 * means unknown, not zero) and the error is logged; the scrape itself succeeds.
 */
export function scrapedGauge<Label extends string>(options: ScrapedGaugeOptions<Label>): Gauge<Label> {
  return new Gauge<Label>({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames,
    registers: [options.registry],
    async collect() {
      try {
        const samples = await options.read();
        this.reset();
        for (const sample of samples) this.set(sample.labels, sample.value);
      } catch (error) {
        this.reset();
        options.logger?.warn({ err: error, metric: options.name }, 'metric could not be read');
      }
    },
  });
}

/** `c360_bus_consumer_lag{group,topic}`: messages each consumer group has still to handle, summed over partitions. */
export function busLagGauge(options: {
  registry: Registry;
  bus: Pick<Bus, 'lag'>;
  consumers: readonly { groupId: string; topic: string }[];
  logger?: Logger;
}): Gauge<'group' | 'topic'> {
  return scrapedGauge({
    registry: options.registry,
    name: 'c360_bus_consumer_lag',
    help: 'Messages a consumer group has still to handle on a topic (partition end minus committed offset, summed)',
    labelNames: ['group', 'topic'] as const,
    logger: options.logger,
    read: () =>
      Promise.all(
        options.consumers.map(async ({ groupId, topic }) => {
          const partitions = await options.bus.lag(groupId, topic);
          const behind = partitions.reduce((sum, p) => sum + p.behind, 0n);
          return { labels: { group: groupId, topic }, value: Number(behind) };
        }),
      ),
  });
}

/** How many events past the checkpoint the projector lag gauge counts at most (it reads them). */
export const PROJECTOR_LAG_EVENTS_CAP = 1_000;

/**
 * `c360_projector_lag_events{projection}`: events in the store after the
 * projection's stored checkpoint, counted up to `PROJECTOR_LAG_EVENTS_CAP` (the
 * port has no head position, and on EventStoreDB positions are not event counts);
 * `c360_projector_lag_seconds{projection}`: age of the oldest event not yet
 * projected (0 when caught up) — this one keeps growing past the cap.
 */
export function projectorLagGauges(options: {
  registry: Registry;
  store: Pick<EventStore, 'readAll'>;
  projections: readonly { name: string; checkpoint: () => Promise<bigint> }[];
  now?: () => Date;
  cap?: number;
  logger?: Logger;
}): { events: Gauge<'projection'>; seconds: Gauge<'projection'> } {
  const cap = options.cap ?? PROJECTOR_LAG_EVENTS_CAP;
  const now = options.now ?? (() => new Date());
  // Each gauge reads for itself, never a value from an earlier scrape: the count reads up to
  // `cap` events, the age only the oldest one.
  const read = (limit: number) =>
    Promise.all(
      options.projections.map(async ({ name, checkpoint }) => {
        const behind = await options.store.readAll({ after: await checkpoint(), limit });
        const oldest = behind[0]?.recordedAt;
        const seconds = oldest ? Math.max(0, (now().getTime() - oldest.getTime()) / 1000) : 0;
        return { name, events: behind.length, seconds };
      }),
    );
  return {
    events: scrapedGauge({
      registry: options.registry,
      name: 'c360_projector_lag_events',
      help: `Events after the projection's checkpoint not yet in its read models (counted up to ${cap})`,
      labelNames: ['projection'] as const,
      logger: options.logger,
      read: async () => (await read(cap)).map((p) => ({ labels: { projection: p.name }, value: p.events })),
    }),
    seconds: scrapedGauge({
      registry: options.registry,
      name: 'c360_projector_lag_seconds',
      help: 'Age of the oldest event not yet in the projection (0 when caught up)',
      labelNames: ['projection'] as const,
      logger: options.logger,
      read: async () => (await read(1)).map((p) => ({ labels: { projection: p.name }, value: p.seconds })),
    }),
  };
}
