import { ValidationError } from '@c360/errors';
import type { CustomerState } from './customer';
import type { CustomerChange } from './resolve';
import { customerStream, eventId } from './streams';

export interface RevertMerge {
  /** Idempotency key of the command: the same command twice reverts once. */
  commandId: string;
  absorbedId: string;
  reason: string;
}

/**
 * Unmerge: gives the absorbed customer back its life and its identifiers. Both
 * streams get `MergeReverted`; projections rebuild both profiles from it. The two
 * are marked separated, so later evidence records a conflict instead of merging
 * them again. Refused (ValidationError) unless `absorbed` is merged into `survivor`.
 */
export function revertMerge(command: RevertMerge, survivor: CustomerState, absorbed: CustomerState): CustomerChange[] {
  if (absorbed.mergedInto !== survivor.customerId || !survivor.absorbed.has(absorbed.customerId)) {
    throw new ValidationError(`customer ${absorbed.customerId} is not merged into ${survivor.customerId}`, {
      code: 'not_merged',
      issues: [{ path: 'absorbedId', message: 'is not merged into this customer' }],
    });
  }
  if (command.reason.trim() === '') {
    throw ValidationError.forPath('reason', 'an unmerge needs a reason, for the audit trail');
  }
  const data = {
    survivorId: survivor.customerId,
    absorbedId: absorbed.customerId,
    commandId: command.commandId,
    reason: command.reason.trim(),
    identifiers: survivor.absorbed.get(absorbed.customerId) ?? [],
  };
  const role = `reverted:${survivor.customerId}:${absorbed.customerId}`;
  return [survivor, absorbed].map(({ customerId }) => ({
    customerId,
    events: [
      { type: 'MergeReverted' as const, data, id: eventId(command.commandId, customerStream(customerId), role) },
    ],
  }));
}
