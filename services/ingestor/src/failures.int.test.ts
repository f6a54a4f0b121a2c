import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, IncomingMessage } from '@c360/bus';
import { waitFor } from '@c360/bus/testing';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { encodeTouchpoint, partitionKey, touchpointId, type Touchpoint } from '@c360/touchpoint';
import { DEAD_LETTER_HEADERS } from './dead-letters';
import { population, readOutcome } from './testing';
import { embeddedIngestStack, STACK_TOPICS, type IngestStack } from './testing/stack';

describe('ingestor failures (embedded stack)', () => {
  let db: TestDatabase;
  let bus: Bus;
  let stack: IngestStack;
  const letters: IncomingMessage[] = [];
  const people = population({ people: 3, touchpoints: 3, seed: 11 });
  const [ana, bo, cy] = people.touchpoints as [Touchpoint, Touchpoint, Touchpoint];
  const onePartition = 'same-partition';

  beforeAll(async () => {
    db = await pgliteTestDatabase();
    ({ bus, stack } = await embeddedIngestStack({ sql: db.sql, partitions: 2 }));
    const reader = bus.consume({
      groupId: 'dlq-reader',
      topic: STACK_TOPICS.dlq,
      handler: async (batch) => void letters.push(...batch),
    });
    await reader.ready;
  });
  afterAll(async () => {
    await stack.close();
    await bus.close();
    await db.dispose();
  });

  it('given corrupt and unknown-schema messages between valid ones in one partition, then the bad ones go to the DLQ with their bytes and the valid ones are recorded', async () => {
    const corrupt = Buffer.concat([encodeTouchpoint(ana).subarray(0, 20), Buffer.from('garbage')]);
    const unknown = Buffer.from(encodeTouchpoint(bo));
    unknown.writeUInt32LE(0xdeadbeef, 2);
    await bus.publish(STACK_TOPICS.touchpoints, [
      { key: onePartition, value: encodeTouchpoint(ana) },
      { key: onePartition, value: corrupt, headers: { 'c360-correlation-id': 'req-1' } },
      { key: onePartition, value: unknown },
      { key: onePartition, value: encodeTouchpoint(bo) },
    ]);

    await waitFor(() => letters.length >= 2 && stack.decided() >= 2, 30_000, 'dead letters and decisions');

    expect(letters.map((l) => l.headers[DEAD_LETTER_HEADERS.code])).toEqual(['corrupt_message', 'unknown_schema']);
    expect(letters[0]!.value.equals(corrupt)).toBe(true);
    expect(letters[0]!.headers).toMatchObject({
      'c360-correlation-id': 'req-1',
      [DEAD_LETTER_HEADERS.stage]: 'decode',
      [DEAD_LETTER_HEADERS.topic]: STACK_TOPICS.touchpoints,
    });
    expect(letters[1]!.value.equals(unknown)).toBe(true);
    const outcome = await readOutcome(stack.store);
    expect([...outcome.recordedCount.keys()].sort()).toEqual([ana.touchpointId, bo.touchpointId].sort());
  }, 60_000);

  it('given an erased customer, when a new touchpoint of theirs arrives in a batch with another, then it goes to the DLQ alone and the other is recorded', async () => {
    const outcome = await readOutcome(stack.store);
    await stack.keyring.erase(outcome.liveCustomerOf.get(ana.touchpointId)!);
    const source = { ...ana.source, sourceId: `${ana.source.sourceId}-again` };
    const anaAgain: Touchpoint = {
      ...ana,
      source,
      touchpointId: touchpointId(source),
      identifiers: ana.identifiers.slice(0, 1),
    };
    const before = letters.length;

    await bus.publish(STACK_TOPICS.touchpoints, [
      { key: partitionKey(anaAgain), value: encodeTouchpoint(anaAgain) },
      { key: partitionKey(anaAgain), value: encodeTouchpoint(cy) },
    ]);
    await waitFor(() => letters.length > before && stack.decided() >= 3, 30_000, 'the dead letter and the decision');

    const letter = letters[before]!;
    expect(letter.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.code]: 'customer_erased',
      [DEAD_LETTER_HEADERS.stage]: 'resolve',
    });
    const after = await readOutcome(stack.store);
    expect(after.recordedCount.has(cy.touchpointId)).toBe(true);
    expect(after.recordedCount.has(anaAgain.touchpointId)).toBe(false);
  }, 60_000);
});
