import type { Identifier, Touchpoint } from '@c360/touchpoint';
import { applyCustomerEvent, initialCustomerState, type CustomerState } from './customer';
import type { CustomerEvent, IdentifierRef } from './events';
import { refKey } from './events';
import { normaliseIdentifiers } from './normalise';
import { DEFAULT_IDENTITY_POLICY, type IdentityPolicy } from './policy';
import { resolveTouchpoint, type CustomerChange, type HashedIdentifier, type Resolution } from './resolve';
import { revertMerge } from './revert';

let sequence = 0;

/** A minimal touchpoint for domain tests: only what resolution reads is meaningful. */
export function touchpointWith(identifiers: Identifier[], overrides: Partial<Touchpoint> = {}): Touchpoint {
  sequence += 1;
  const at = Date.UTC(2026, 0, 1) + sequence * 60_000;
  return {
    touchpointId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    channel: 'web',
    type: 'page_viewed',
    occurredAt: at,
    receivedAt: at,
    source: {
      system: 'test',
      sourceId: `m-${sequence}`,
      adapter: 'test',
      adapterVersion: '1',
      rawSha256: '0'.repeat(64),
    },
    identifiers,
    traits: {},
    consent: null,
    context: null,
    payload: null,
    locale: null,
    ...overrides,
  };
}

/**
 * An in-memory identity world for Given/When/Then tests of the pure domain: it keeps
 * reservation owners and folded customer states exactly as the ingestor does against
 * the event store, and hashes with a plain (unkeyed) function.
 */
export class IdentityWorld {
  readonly owners = new Map<string, string>();
  readonly customers = new Map<string, CustomerState>();
  /** Every event appended, per customer, in order. */
  readonly history = new Map<string, (CustomerEvent & { id: string })[]>();

  constructor(readonly policy: IdentityPolicy = DEFAULT_IDENTITY_POLICY) {}

  hash(identifiers: Identifier[]): HashedIdentifier[] {
    return normaliseIdentifiers(identifiers, this.policy).map((id) => ({
      ...id,
      hash: id.status === 'valid' ? `h(${id.type}:${id.value})` : null,
    }));
  }

  /** Decides and applies one touchpoint, like one ingestor batch of one. */
  receive(touchpoint: Touchpoint): Resolution {
    const resolution = resolveTouchpoint({
      touchpoint,
      identifiers: this.hash(touchpoint.identifiers),
      owners: this.owners,
      customers: this.customers,
      policy: this.policy,
    });
    for (const claim of resolution.claims) {
      if (this.owners.has(refKey(claim.ref))) throw new Error(`claimed twice: ${refKey(claim.ref)}`);
      this.owners.set(refKey(claim.ref), claim.customerId);
    }
    this.apply(resolution.changes);
    return resolution;
  }

  unmerge(absorbedId: string, reason = 'wrongly merged'): void {
    const absorbed = this.state(absorbedId);
    this.apply(
      revertMerge(
        { commandId: `cmd-${absorbedId}`, absorbedId, reason },
        this.state(absorbed.mergedInto ?? ''),
        absorbed,
      ),
    );
  }

  state(customerId: string): CustomerState {
    const found = this.customers.get(customerId);
    if (!found) throw new Error(`no customer ${customerId}`);
    return found;
  }

  events(customerId: string): (CustomerEvent & { id: string })[] {
    return this.history.get(customerId) ?? [];
  }

  /** Live customers: created and not merged away. */
  live(): string[] {
    return [...this.customers.values()].filter((c) => c.revision >= 0n && !c.mergedInto).map((c) => c.customerId);
  }

  ownerOf(type: IdentifierRef['type'], value: string): string | undefined {
    const [id] = this.hash([{ type, value }]);
    return id?.hash ? this.owners.get(refKey({ type, hash: id.hash })) : undefined;
  }

  private apply(changes: CustomerChange[]): void {
    for (const change of changes) {
      const state = this.customers.get(change.customerId) ?? initialCustomerState(change.customerId);
      this.customers.set(change.customerId, state);
      const history = this.history.get(change.customerId) ?? [];
      this.history.set(change.customerId, history);
      for (const event of change.events) {
        if (state.eventIds.has(event.id)) continue;
        applyCustomerEvent(state, event);
        history.push(event);
      }
    }
  }
}
