import { uuidV5 } from '@c360/touchpoint';

/**
 * Every stream id and derived id of the identity domain is built here, and only here.
 * Reservation streams are named by a keyed hash of the normalised value (see
 * @c360/keyring), never by the value itself, so erasing a person leaves no clear
 * personal data in stream names.
 */
const CUSTOMER_PREFIX = 'customer-';
const IDENTIFIER_PREFIX = 'identifier-';

/** Namespace of the identity domain's deterministic ids (UUID v5). */
export const IDENTITY_NAMESPACE = 'a1f3c0de-5c1e-4c36-9b8f-36c0c360c360';

export const customerStream = (customerId: string): string => `${CUSTOMER_PREFIX}${customerId}`;

export const identifierStream = (type: string, hash: string): string => `${IDENTIFIER_PREFIX}${type}-${hash}`;

/** The customer id a stream belongs to, or null for other streams. */
export function customerIdOf(streamId: string): string | null {
  return streamId.startsWith(CUSTOMER_PREFIX) ? streamId.slice(CUSTOMER_PREFIX.length) : null;
}

/** A new customer's id: derived from the touchpoint that created it, so a retry creates the same one. */
export const newCustomerId = (touchpointId: string): string => uuidV5(IDENTITY_NAMESPACE, `customer:${touchpointId}`);

/**
 * The id of an event caused by `cause` (a touchpoint or command id) in a stream: the
 * same cause, stream and role always give the same id, so every append is idempotent.
 */
export const eventId = (cause: string, streamId: string, role: string): string =>
  uuidV5(IDENTITY_NAMESPACE, `${cause}|${streamId}|${role}`);
