import type { CustomerEvent, IdentifierRef, StoredCustomerEvent } from './events';
import { refKey } from './events';

/**
 * What identity resolution needs to know about one customer, folded from its
 * stream. Nothing personal: identifiers are types and keyed hashes.
 */
export interface CustomerState {
  customerId: string;
  /** Revision of the last event folded; -1n before the first. */
  revision: bigint;
  createdAt: number | null;
  /** Identifiers of this customer, including those of customers it absorbed (and did not give back). */
  identifiers: Map<string, IdentifierRef>;
  /** Set once absorbed by another customer; cleared when that merge is reverted. */
  mergedInto: string | null;
  /** Customers absorbed and not given back → the identifiers they brought. */
  absorbed: Map<string, IdentifierRef[]>;
  /** Customers a reverted merge separated from this one: never merged again automatically. */
  separatedFrom: Set<string>;
  /** Touchpoints recorded in this customer's own stream. */
  touchpoints: Set<string>;
  /** Ids of every event in the stream, so a retried decision appends only what is missing. */
  eventIds: Set<string>;
}

export function initialCustomerState(customerId: string): CustomerState {
  return {
    customerId,
    revision: -1n,
    createdAt: null,
    identifiers: new Map(),
    mergedInto: null,
    absorbed: new Map(),
    separatedFrom: new Set(),
    touchpoints: new Set(),
    eventIds: new Set(),
  };
}

export const customerExists = (state: CustomerState): boolean => state.revision >= 0n;

/**
 * Folds one event into the state, in place: a customer's stream holds every one of
 * its touchpoints, and copying the state per event would make folding quadratic.
 */
export function applyCustomerEvent(
  state: CustomerState,
  event: (CustomerEvent | StoredCustomerEvent) & { id: string },
): void {
  state.revision += 1n;
  state.eventIds.add(event.id);
  switch (event.type) {
    case 'CustomerCreated':
      state.createdAt = event.data.createdAt;
      return;
    case 'IdentifierLinked': {
      const { type, hash } = event.data.identifier;
      state.identifiers.set(refKey({ type, hash }), { type, hash });
      return;
    }
    case 'TouchpointRecorded':
      state.touchpoints.add(event.data.touchpointId);
      return;
    case 'CustomerMerged':
      state.mergedInto = event.data.into;
      return;
    case 'CustomerAbsorbed':
      state.absorbed.set(event.data.from, event.data.identifiers);
      for (const ref of event.data.identifiers) state.identifiers.set(refKey(ref), ref);
      return;
    case 'IdentityConflictDetected':
      return;
    case 'MergeReverted': {
      const { survivorId, absorbedId } = event.data;
      if (state.customerId === survivorId) {
        for (const ref of state.absorbed.get(absorbedId) ?? []) state.identifiers.delete(refKey(ref));
        state.absorbed.delete(absorbedId);
        state.separatedFrom.add(absorbedId);
      } else {
        if (state.mergedInto === survivorId) state.mergedInto = null;
        state.separatedFrom.add(survivorId);
      }
      return;
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown customer event ${(unknown as { type: string }).type}`);
    }
  }
}

/** Number of identifiers of each type, e.g. of `state.identifiers.values()`. */
export function identifierCounts(refs: Iterable<IdentifierRef>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ref of refs) counts.set(ref.type, (counts.get(ref.type) ?? 0) + 1);
  return counts;
}
