import type { Channel, IdentifierType, Source } from '@c360/touchpoint';

/**
 * The identity domain's events: facts, named in the past tense. Values marked
 * "personal" are clear here, in the domain; they are encrypted with the customer's
 * data key when stored (see sealing.ts) and never appear in stream names.
 */

/** An identifier as the domain matches it: its type and the keyed hash of its normalised value. */
export interface IdentifierRef {
  type: IdentifierType;
  hash: string;
}

/** Reservation stream `identifier-<type>-<hash>`: the first event names the owner, for good. */
export interface IdentifierClaimed {
  type: 'IdentifierClaimed';
  data: { customerId: string; identifierType: IdentifierType; touchpointId: string };
}

export interface CustomerCreated {
  type: 'CustomerCreated';
  data: {
    customerId: string;
    touchpointId: string;
    /** epoch ms: the creating touchpoint's receivedAt */ createdAt: number;
  };
}

export interface IdentifierLinked {
  type: 'IdentifierLinked';
  data: { identifier: IdentifierRef & { /** personal */ value: string }; touchpointId: string };
}

/** How one identifier of a touchpoint was treated. */
export interface RecordedIdentifier {
  type: IdentifierType;
  /** personal: the normalised value (or the trimmed input, when invalid). */
  value: string;
  status: 'valid' | 'invalid' | 'blocked';
  /** Keyed hash, for valid identifiers. */
  hash: string | null;
  reason: string | null;
}

export interface TouchpointRecorded {
  type: 'TouchpointRecorded';
  data: {
    touchpointId: string;
    channel: Channel;
    touchpointType: string;
    occurredAt: number;
    receivedAt: number;
    source: Source;
    identifiers: RecordedIdentifier[];
    consent: Record<string, boolean> | null;
    locale: string | null;
    /** personal: traits, context and the channel payload, as the touchpoint carried them. */
    traits: Record<string, string>;
    context: Record<string, string> | null;
    payload: unknown;
  };
}

/** On the absorbed customer: from now on it lives on in `into`. */
export interface CustomerMerged {
  type: 'CustomerMerged';
  data: { into: string; touchpointId: string; ruleVersion: string; evidence: IdentifierRef[] };
}

/** On the survivor: `from` and its identifiers are now part of this customer. */
export interface CustomerAbsorbed {
  type: 'CustomerAbsorbed';
  data: {
    from: string;
    touchpointId: string;
    ruleVersion: string;
    evidence: IdentifierRef[];
    identifiers: IdentifierRef[];
  };
}

export const CONFLICT_REASONS = ['limit_exceeded', 'contradicting_evidence', 'separated'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** Evidence that was not acted on, and why: recorded on the customer the touchpoint went to. */
export interface IdentityConflictDetected {
  type: 'IdentityConflictDetected';
  data: {
    touchpointId: string;
    ruleVersion: string;
    reason: ConflictReason;
    identifier: IdentifierRef;
    /** The customer that owns the identifier, when the conflict is a refused merge. */
    otherCustomerId: string | null;
    detail: string;
  };
}

/** On both customers of a reverted merge. */
export interface MergeReverted {
  type: 'MergeReverted';
  data: { survivorId: string; absorbedId: string; commandId: string; reason: string; identifiers: IdentifierRef[] };
}

export type CustomerEvent =
  | CustomerCreated
  | IdentifierLinked
  | TouchpointRecorded
  | CustomerMerged
  | CustomerAbsorbed
  | IdentityConflictDetected
  | MergeReverted;

export type IdentityEvent = CustomerEvent | IdentifierClaimed;

export const CUSTOMER_EVENT_TYPES = [
  'CustomerCreated',
  'IdentifierLinked',
  'TouchpointRecorded',
  'CustomerMerged',
  'CustomerAbsorbed',
  'IdentityConflictDetected',
  'MergeReverted',
] as const satisfies readonly CustomerEvent['type'][];

export const refKey = (ref: IdentifierRef): string => `${ref.type}:${ref.hash}`;

/**
 * `TouchpointRecorded` as stored: the personal parts (identifier values, traits,
 * context, payload) are one ciphertext under the customer's data key.
 */
export interface SealedTouchpointRecorded {
  type: 'TouchpointRecorded';
  data: Omit<TouchpointRecorded['data'], 'traits' | 'context' | 'payload' | 'identifiers'> & {
    identifiers: Omit<RecordedIdentifier, 'value'>[];
    sealed: string;
  };
}

/** A customer event as read back from the store, before opening its sealed parts. */
export type StoredCustomerEvent = Exclude<CustomerEvent, TouchpointRecorded> | SealedTouchpointRecorded;
