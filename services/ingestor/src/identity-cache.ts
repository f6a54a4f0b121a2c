import type { EventStore } from '@c360/event-store';
import {
  applyCustomerEvent,
  customerStream,
  identifierStream,
  initialCustomerState,
  refKey,
  storedCustomerEvent,
  type CustomerState,
  type IdentifierRef,
} from '@c360/identity';
import { Lru } from '@c360/lru';

/**
 * What the ingestor knows of identities, read from the event store and kept in
 * memory. Correctness never rests on the cache: every append names the revision the
 * decision was made on, so a stale entry makes the append fail (and the cache is
 * dropped for what it touched) instead of deciding on old facts.
 *
 * - owners: an identifier's reservation owner never changes once claimed, so a known
 *   owner is cached for good; an unclaimed identifier is never cached (another
 *   instance may claim it any moment).
 * - customers: folded states, with their revision.
 */
export class IdentityCache {
  private readonly owners: Lru<string, string>;
  private readonly customers: Lru<string, CustomerState>;

  constructor(
    private readonly store: EventStore,
    options: { ownerCapacity?: number; customerCapacity?: number } = {},
  ) {
    this.owners = new Lru(options.ownerCapacity ?? 1_000_000);
    this.customers = new Lru(options.customerCapacity ?? 100_000);
  }

  /** Reservation owners of `refs` (absent: unclaimed), reading the reservation streams the cache lacks. */
  async loadOwners(refs: readonly IdentifierRef[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const missing = new Map<string, IdentifierRef>();
    for (const ref of refs) {
      const key = refKey(ref);
      const owner = this.owners.get(key);
      if (owner) found.set(key, owner);
      else missing.set(identifierStream(ref.type, ref.hash), ref);
    }
    if (missing.size === 0) return found;
    const streams = await this.store.readStreams([...missing.keys()], { limit: 1 });
    for (const [streamId, events] of streams) {
      const first = events[0];
      const ref = missing.get(streamId);
      if (!first || !ref || first.type !== 'IdentifierClaimed') continue;
      const owner = (first.data as { customerId: string }).customerId;
      this.owners.set(refKey(ref), owner);
      found.set(refKey(ref), owner);
    }
    return found;
  }

  /**
   * States of `customerIds` and of every customer reachable from them through
   * `mergedInto` and `absorbed` — all that resolution may ask about. States in `held`
   * (decided on but perhaps not yet appended) are taken from there and never read.
   */
  async loadCustomers(
    customerIds: Iterable<string>,
    held: ReadonlyMap<string, CustomerState> = new Map(),
  ): Promise<Map<string, CustomerState>> {
    const loaded = new Map<string, CustomerState>();
    let wanted = [...new Set(customerIds)];
    while (wanted.length > 0) {
      const missing: string[] = [];
      for (const id of wanted) {
        const cached = held.get(id) ?? this.customers.get(id);
        if (cached) loaded.set(id, cached);
        else missing.push(id);
      }
      if (missing.length > 0) {
        const streams = await this.store.readStreams(missing.map(customerStream));
        for (const id of missing) {
          const state = initialCustomerState(id);
          for (const recorded of streams.get(customerStream(id)) ?? []) {
            const event = storedCustomerEvent(recorded);
            if (event) applyCustomerEvent(state, event);
            else state.revision += 1n; // a newer version's event: keep the revision right
          }
          this.customers.set(id, state);
          loaded.set(id, state);
        }
      }
      wanted = [...new Set(wanted.flatMap((id) => related(loaded.get(id)!)))].filter((id) => !loaded.has(id));
    }
    return loaded;
  }

  /** A state the batch created or changed; kept only once its append succeeded. */
  remember(state: CustomerState): void {
    this.customers.set(state.customerId, state);
  }

  rememberOwner(ref: IdentifierRef, customerId: string): void {
    this.owners.set(refKey(ref), customerId);
  }

  /** Drops customers whose cached state may be ahead of or behind the store. */
  forget(customerIds: Iterable<string>): void {
    for (const id of customerIds) this.customers.delete(id);
  }
}

function related(state: CustomerState): string[] {
  return [...(state.mergedInto ? [state.mergedInto] : []), ...state.absorbed.keys(), ...state.separatedFrom];
}
