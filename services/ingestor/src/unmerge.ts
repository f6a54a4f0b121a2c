import type { EventStore } from '@c360/event-store';
import { NotFoundError } from '@c360/errors';
import { customerStream, eventId, revertMerge, sealCustomerEvent, type RevertMerge, type Sealer } from '@c360/identity';
import { IdentityCache } from './identity-cache';

/**
 * The unmerge command: reverts the merge of `absorbedId` into the customer it was
 * absorbed by, appending `MergeReverted` to both streams in one batch, each at the
 * revision the decision was made on (a concurrent change makes it fail with a
 * ConcurrencyError — retry). Idempotent by `commandId`. Ingestors holding either
 * customer in their cache find out at their next append (revision check) and reload.
 */
export async function unmergeCustomer(
  options: { store: EventStore; sealer: Sealer; ruleVersion: string; now?: () => Date },
  command: RevertMerge,
): Promise<{ survivorId: string; absorbedId: string }> {
  const cache = new IdentityCache(options.store, { customerCapacity: 16 });
  const absorbed = (await cache.loadCustomers([command.absorbedId])).get(command.absorbedId)!;
  if (absorbed.revision < 0n) throw new NotFoundError(`no customer ${command.absorbedId}`);
  for (const formerSurvivor of absorbed.separatedFrom) {
    const role = `reverted:${formerSurvivor}:${absorbed.customerId}`;
    if (absorbed.eventIds.has(eventId(command.commandId, customerStream(absorbed.customerId), role))) {
      return { survivorId: formerSurvivor, absorbedId: absorbed.customerId }; // this command already ran
    }
  }
  const survivorId = absorbed.mergedInto ?? absorbed.customerId;
  const survivor = (await cache.loadCustomers([survivorId])).get(survivorId)!;
  const changes = revertMerge(command, survivor, absorbed);
  const metadata = {
    causationId: command.commandId,
    correlationId: command.commandId,
    ruleVersion: options.ruleVersion,
    recordedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  const states = { [survivor.customerId]: survivor, [absorbed.customerId]: absorbed };
  await options.store.appendMany(
    await Promise.all(
      changes.map(async (change) => ({
        streamId: customerStream(change.customerId),
        expectedRevision: states[change.customerId]!.revision,
        events: await Promise.all(
          change.events.map((event) =>
            sealCustomerEvent(change.customerId, event, { sealer: options.sealer, metadata }),
          ),
        ),
      })),
    ),
  );
  return { survivorId, absorbedId: absorbed.customerId };
}
