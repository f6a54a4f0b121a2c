import type { JsonValue, NewEvent, RecordedEvent } from '@c360/event-store';
import type {
  CustomerEvent,
  IdentifierClaimed,
  RecordedIdentifier,
  StoredCustomerEvent,
  TouchpointRecorded,
} from './events';
import { CUSTOMER_EVENT_TYPES } from './events';

/** Per-customer encryption (implemented by @c360/keyring); `open` answers null once the customer is erased. */
export interface Sealer {
  encrypt(customerId: string, plaintext: string): Promise<string>;
  decrypt(customerId: string, ciphertext: string): Promise<string | null>;
  /** Loads what `decrypt` will need for these customers, ahead of a transaction (optional). */
  prefetch?(customerIds: readonly string[]): Promise<void>;
}

/** Metadata every identity event carries. */
export interface DecisionMetadata {
  /** The touchpoint or command that caused the event. */
  causationId: string;
  correlationId: string;
  ruleVersion: string;
  /** ISO-8601, the deciding process's clock. */
  recordedAt: string;
}

/** Shown in place of personal values whose key was erased. */
export const ERASED = '[erased]';

interface SealedPart {
  values: string[];
  traits: Record<string, string>;
  context: Record<string, string> | null;
  payload: unknown;
}

/** A customer event as it is appended: personal values encrypted under the customer's key. */
export async function sealCustomerEvent(
  customerId: string,
  event: CustomerEvent & { id: string },
  options: { sealer: Sealer; metadata: DecisionMetadata },
): Promise<NewEvent> {
  const { sealer } = options;
  const metadata = { ...options.metadata };
  switch (event.type) {
    case 'IdentifierLinked': {
      const { identifier } = event.data;
      const value = await sealer.encrypt(customerId, identifier.value);
      return stored(event, { ...event.data, identifier: { ...identifier, value } }, metadata);
    }
    case 'TouchpointRecorded': {
      const { traits, context, payload, identifiers, ...rest } = event.data;
      const part: SealedPart = { values: identifiers.map((i) => i.value), traits, context, payload };
      const sealed = await sealer.encrypt(customerId, JSON.stringify(part));
      const clearIdentifiers = identifiers.map(({ value: _value, ...ref }) => ref);
      return stored(event, { ...rest, identifiers: clearIdentifiers, sealed }, metadata);
    }
    default:
      return stored(event, event.data, metadata);
  }
}

export function claimEvent(id: string, data: IdentifierClaimed['data'], metadata: DecisionMetadata): NewEvent {
  return { id, type: 'IdentifierClaimed', data: data as unknown as JsonValue, metadata: { ...metadata } };
}

/** Reads a stored customer event for folding (personal parts stay sealed); null for a type this version does not know. */
export function storedCustomerEvent(event: RecordedEvent): (StoredCustomerEvent & { id: string }) | null {
  if (!(CUSTOMER_EVENT_TYPES as readonly string[]).includes(event.type)) return null;
  return { id: event.id, type: event.type, data: event.data } as unknown as StoredCustomerEvent & { id: string };
}

/** The stored event with its personal parts decrypted; erased values read as `[erased]`. */
export async function openCustomerEvent(
  customerId: string,
  event: StoredCustomerEvent,
  sealer: Sealer,
): Promise<CustomerEvent> {
  switch (event.type) {
    case 'IdentifierLinked': {
      const value = (await sealer.decrypt(customerId, event.data.identifier.value)) ?? ERASED;
      return { ...event, data: { ...event.data, identifier: { ...event.data.identifier, value } } };
    }
    case 'TouchpointRecorded': {
      const { sealed, identifiers, ...rest } = event.data;
      const text = await sealer.decrypt(customerId, sealed);
      const part: SealedPart = text
        ? (JSON.parse(text) as SealedPart)
        : { values: identifiers.map(() => ERASED), traits: {}, context: null, payload: null };
      const opened: TouchpointRecorded['data'] = {
        ...rest,
        identifiers: identifiers.map((ref, i): RecordedIdentifier => ({ ...ref, value: part.values[i] ?? ERASED })),
        traits: part.traits,
        context: part.context,
        payload: part.payload,
      };
      return { type: 'TouchpointRecorded', data: opened };
    }
    default:
      return event;
  }
}

function stored(event: { id: string; type: string }, data: unknown, metadata: DecisionMetadata): NewEvent {
  return { id: event.id, type: event.type, data: data as JsonValue, metadata: { ...metadata } };
}
