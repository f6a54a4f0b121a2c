import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@c360/bus';
import { keyedMessages, recordingConsumer, waitFor } from '@c360/bus/testing';
import { getEmbeddedLogBus, migrateEmbeddedLog } from '@c360/bus-postgres';
import type { EventStore } from '@c360/event-store';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { busLagGauge, projectorLagGauges, scrapedGauge } from './gauges';
import { capturedLogger } from './testing';

/** The value of one series in the registry's text exposition. */
async function valueOf(registry: Registry, series: string): Promise<number | undefined> {
  const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('gauges read at scrape time (PGlite: embedded log and PostgreSQL event store)', () => {
  let db: TestDatabase;
  let bus: Bus;
  let store: EventStore;
  beforeAll(async () => {
    db = await pgliteTestDatabase();
    await migrateEmbeddedLog(db.sql);
    await migrateEventStore(db.sql);
    bus = getEmbeddedLogBus(db.sql, {
      timings: { heartbeatIntervalMs: 200, sessionTimeoutMs: 2_000, pollIntervalMs: 20, retryBackoffMs: 50 },
    });
    store = getPostgresEventStore(db.sql);
  }, 60_000);
  afterAll(async () => {
    await bus?.close();
    await db?.dispose();
  });

  it('given a group that handled part of a topic, then c360_bus_consumer_lag is what it has still to handle, at every scrape', async () => {
    await bus.ensureTopics([{ name: 'lagging', partitions: 3 }]);
    const registry = new Registry();
    busLagGauge({ registry, bus, consumers: [{ groupId: 'ingestor', topic: 'lagging' }] });
    const series = 'c360_bus_consumer_lag{group="ingestor",topic="lagging"}';
    // Given 40 messages and a group that has read none
    await bus.publish('lagging', keyedMessages(40, 7));
    expect(await valueOf(registry, series)).toBe(40);
    // When it handles them all and stops, and 6 more arrive
    const { consumer, seen } = recordingConsumer(bus, { groupId: 'ingestor', topic: 'lagging' });
    await waitFor(() => seen.length >= 40, 30_000, 'all messages');
    await consumer.stop();
    await bus.publish('lagging', keyedMessages(6, 7, 40));
    // Then
    expect(await valueOf(registry, series)).toBe(6);
  }, 60_000);

  it('given events past the projection checkpoint, then lag in events and seconds follows the checkpoint', async () => {
    const registry = new Registry();
    let checkpoint = 0n;
    const recordedAt = Date.now();
    projectorLagGauges({
      registry,
      store,
      projections: [{ name: 'profiles', checkpoint: async () => checkpoint }],
      now: () => new Date(recordedAt + 60_000),
    });
    // Given five events, none projected
    const results = await store.appendMany(
      Array.from({ length: 5 }, (_, i) => ({
        streamId: `customer-${i}`,
        events: [{ id: randomUUID(), type: 'TouchpointRecorded', data: { i } }],
      })),
    );
    expect(await valueOf(registry, 'c360_projector_lag_events{projection="profiles"}')).toBe(5);
    const seconds = await valueOf(registry, 'c360_projector_lag_seconds{projection="profiles"}');
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThan(70);
    // When the projector checkpoints after the third
    checkpoint = results[2]!.position;
    expect(await valueOf(registry, 'c360_projector_lag_events{projection="profiles"}')).toBe(2);
    // and after the last
    checkpoint = results[4]!.position;
    expect(await valueOf(registry, 'c360_projector_lag_events{projection="profiles"}')).toBe(0);
    expect(await valueOf(registry, 'c360_projector_lag_seconds{projection="profiles"}')).toBe(0);
  }, 60_000);

  it('given a source that fails, then the gauge has no series (unknown, not zero), the scrape succeeds and the error is logged', async () => {
    const registry = new Registry();
    const { logger, lines } = capturedLogger();
    let fail = false;
    scrapedGauge({
      registry,
      name: 'c360_example_items',
      help: 'example',
      labelNames: ['channel'] as const,
      logger,
      read: async () => {
        if (fail) throw new Error('database closed');
        return [{ labels: { channel: 'web' }, value: 3 }];
      },
    });
    expect(await valueOf(registry, 'c360_example_items{channel="web"}')).toBe(3);
    fail = true;
    expect(await valueOf(registry, 'c360_example_items{channel="web"}')).toBeUndefined();
    expect(lines).toMatchObject([{ level: 'warn', metric: 'c360_example_items', err: { message: 'database closed' } }]);
  });
});
