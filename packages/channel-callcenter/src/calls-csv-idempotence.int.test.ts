import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startCollectorHarness, type CollectorHarness } from '@c360/channels/testing';
import { ingestStack, readOutcome, STACK_TOPICS, type IngestStack } from '@c360/ingestor/testing';
import { callCsvImportAdapter } from './index';
import { fixture, post } from './test-support';

describe('call-detail CSV import, end to end through the ingestor', () => {
  let harness: CollectorHarness;
  let stack: IngestStack;
  beforeAll(async () => {
    harness = await startCollectorHarness({ adapters: [callCsvImportAdapter()], channel: 'call_center' });
    await harness.bus.ensureTopics([{ name: STACK_TOPICS.dlq, partitions: 1 }]);
    stack = await ingestStack({ sql: harness.db.sql, bus: harness.bus });
  });
  afterAll(async () => {
    await stack?.close();
    await harness?.close();
  });

  it('given the same file imported twice, when ingested, then each call is recorded exactly once', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await post(harness, '/v1/callcenter/calls.csv', fixture('csv/calls.csv'), {
        contentType: 'text/csv',
      });
      expect(response.body).toMatchObject({ rows: 6, accepted: 6, quarantined: 0 });
    }
    const published = await harness.touchpoints();
    expect(published).toHaveLength(12);
    stack.startInstance();
    await eventually(async () => (stack.decided() >= 12 ? true : undefined), 60_000);

    const outcome = await readOutcome(stack.store);
    expect([...outcome.recordedCount.keys()].sort()).toEqual([...new Set(published.map((t) => t.touchpointId))].sort());
    expect([...outcome.recordedCount.values()]).toEqual(Array(6).fill(1));
    const [ingestor] = stack.instances;
    expect(ingestor!.totals).toMatchObject({ recorded: 6, duplicates: 6 });
    // The complaint caller (two calls from +8613800138000) is one customer.
    const complaintCustomers = new Set(
      published
        .filter((t) => t.identifiers.some((i) => i.value === '+8613800138000'))
        .map((t) => outcome.liveCustomerOf.get(t.touchpointId)),
    );
    expect(complaintCustomers.size).toBe(1);
  }, 120_000);
});
