import type { IncomingMessage } from '@c360/bus';
import type { EventStore } from '@c360/event-store';
import type { CustomerState, HashedIdentifier, IdentityPolicy, Sealer } from '@c360/identity';
import type { Touchpoint } from '@c360/touchpoint';
import type { Lru } from '@c360/lru';
import { appendDecision } from './append-decision';
import { decideBatch } from './decide';
import type { IdentityCache } from './identity-cache';

/** What the ingestor needs of the keyring: keyed hashes and per-customer encryption. */
export interface IdentityKeys extends Sealer {
  identifierHash(type: string, value: string): string;
  ensureKeys(customerIds: readonly string[]): Promise<void>;
}

export interface BatchDependencies {
  store: EventStore;
  cache: IdentityCache;
  /** Remembered normalisations and hashes, by identifier type and raw value. */
  hashed?: Lru<string, HashedIdentifier>;
  keys: IdentityKeys;
  policy: IdentityPolicy;
  now: () => Date;
}

export interface DecodedTouchpoint {
  message: IncomingMessage;
  touchpoint: Touchpoint;
}

export interface BatchOutcome {
  recorded: number;
  duplicates: number;
  merges: number;
  conflicts: number;
  customersCreated: number;
}

/**
 * What decisions rest on: reservation owners (by `refKey`) and customer states, as the
 * decisions so far left them. One basis can serve several batches in a row (the chunks
 * of a bus batch), so each decision sees every one before it, appended or not. The
 * states are the cache's own objects, changed in place by each decision: whoever gives
 * up on a basis must `forgetBasis` it.
 */
export interface DecisionBasis {
  owners: Map<string, string>;
  customers: Map<string, CustomerState>;
}

export const newBasis = (): DecisionBasis => ({ owners: new Map(), customers: new Map() });

/**
 * Resolves a batch of touchpoints and appends every resulting event in one
 * multi-stream append (one transaction where the store allows it), with the expected
 * revision each decision was made on. Touchpoints are decided in order, each seeing
 * the decisions before it. On any failure nothing of the batch is kept in the cache
 * and the error is thrown: the caller retries the batch, and the deterministic event
 * ids make a retry append only what is missing.
 */
export async function ingestBatch(batch: readonly DecodedTouchpoint[], deps: BatchDependencies): Promise<BatchOutcome> {
  const basis = newBasis();
  try {
    return (await appendDecision(await decideBatch(batch, basis, deps), deps)).outcome;
  } catch (error) {
    forgetBasis(basis, deps);
    throw error;
  }
}

/**
 * Drops from the cache every state the basis held, not only those written: a
 * decision that followed a stale merge pointer fails on the stream it wrote to, and
 * must re-read the pointer.
 */
export function forgetBasis(basis: DecisionBasis, deps: BatchDependencies): void {
  deps.cache.forget(basis.customers.keys());
}
