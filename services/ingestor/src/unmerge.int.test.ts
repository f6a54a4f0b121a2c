import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@c360/bus';
import { waitFor } from '@c360/bus/testing';
import { DEFAULT_IDENTITY_POLICY, type IdentityConflictDetected } from '@c360/identity';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { touchpointId, type Identifier, type Touchpoint } from '@c360/touchpoint';
import { webProductViewed } from '@c360/touchpoint/testing';
import { readOutcome } from './testing';
import { embeddedIngestStack, type IngestStack } from './testing/stack';
import { unmergeCustomer } from './unmerge';

let counter = 0;
function visit(identifiers: Identifier[]): Touchpoint {
  counter += 1;
  const source = { ...webProductViewed.source, sourceId: `unmerge-${counter}` };
  return {
    ...webProductViewed,
    source,
    touchpointId: touchpointId(source),
    identifiers,
    occurredAt: Date.UTC(2026, 1, counter),
    receivedAt: Date.UTC(2026, 1, counter),
  };
}

describe('unmerge through the ingestor (embedded stack)', () => {
  let db: TestDatabase;
  let bus: Bus;
  let stack: IngestStack;
  const cardA = { type: 'loyalty_id', value: 'SISTER-A' } as const;
  const cardB = { type: 'loyalty_id', value: 'SISTER-B' } as const;

  const ingest = async (touchpoints: Touchpoint[]) => {
    const target = stack.decided() + touchpoints.length;
    await stack.publish(touchpoints);
    await waitFor(() => stack.decided() >= target, 30_000, 'touchpoints decided');
  };
  const customerOf = async (touchpoint: Touchpoint) =>
    (await readOutcome(stack.store)).liveCustomerOf.get(touchpoint.touchpointId)!;

  beforeAll(async () => {
    db = await pgliteTestDatabase();
    ({ bus, stack } = await embeddedIngestStack({ sql: db.sql, partitions: 1 }));
  });
  afterAll(async () => {
    await stack.close();
    await bus.close();
    await db.dispose();
  });

  it('given two sisters merged through one shared touchpoint, when the merge is reverted, then each lives on with her card, and the evidence does not merge them again', async () => {
    const a = visit([cardA]);
    const b = visit([cardB]);
    const both = visit([cardA, cardB]);
    await ingest([a, b, both]);
    const survivor = await customerOf(a);
    const absorbed = (await readOutcome(stack.store)).customers.get(
      [...(await readOutcome(stack.store)).customers.values()].find((c) => c.mergedInto === survivor)!.customerId,
    )!.customerId;
    expect(await customerOf(b)).toBe(survivor);

    const command = { commandId: 'cmd-unmerge-sisters', absorbedId: absorbed, reason: 'two sisters, one card wallet' };
    const options = { store: stack.store, sealer: stack.keyring, ruleVersion: DEFAULT_IDENTITY_POLICY.ruleVersion };
    await expect(unmergeCustomer(options, command)).resolves.toEqual({ survivorId: survivor, absorbedId: absorbed });
    await expect(unmergeCustomer(options, command)).resolves.toEqual({ survivorId: survivor, absorbedId: absorbed });

    expect(await customerOf(b)).toBe(absorbed);
    const later = visit([cardB]);
    const evidenceAgain = visit([cardA, cardB]);
    await ingest([later, evidenceAgain]);
    const outcome = await readOutcome(stack.store);
    expect(outcome.liveCustomerOf.get(later.touchpointId)).toBe(absorbed);
    expect(outcome.liveCustomers).toEqual(new Set([survivor, absorbed]));
    const reverted = await stack.store.readStream(`customer-${absorbed}`);
    expect(reverted.filter((e) => e.type === 'MergeReverted')).toHaveLength(1);
    const conflicts = (await stack.store.readStream(`customer-${survivor}`)).filter(
      (e) => e.type === 'IdentityConflictDetected',
    );
    expect(conflicts.map((e) => (e.data as unknown as IdentityConflictDetected['data']).reason)).toEqual(['separated']);
  }, 60_000);

  it('given a customer that was never merged, when unmerged, then it is refused with not_merged', async () => {
    const alone = visit([{ type: 'loyalty_id', value: 'ALONE' }]);
    await ingest([alone]);
    await expect(
      unmergeCustomer(
        { store: stack.store, sealer: stack.keyring, ruleVersion: 'r' },
        { commandId: 'c', absorbedId: await customerOf(alone), reason: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'not_merged' });
  }, 60_000);
});
