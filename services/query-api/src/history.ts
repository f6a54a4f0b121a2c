import { ValidationError } from '@c360/errors';
import type { EventStore, RecordedEvent } from '@c360/event-store';
import {
  customerStream,
  openCustomerEvent,
  storedCustomerEvent,
  type CustomerEvent,
  type Sealer,
  type StoredCustomerEvent,
} from '@c360/identity';
import type { TimedEvent } from './as-of';

/** At most this many customers are read for one history: a merge tree larger than that is refused. */
export const MAX_LINKED_CUSTOMERS = 500;

/** Customer ids an event names as the other side of a merge or of its reversal. */
function linkedIds(event: StoredCustomerEvent): string[] {
  switch (event.type) {
    case 'CustomerMerged':
      return [event.data.into];
    case 'CustomerAbsorbed':
      return [event.data.from];
    case 'MergeReverted':
      return [event.data.survivorId, event.data.absorbedId];
    default:
      return [];
  }
}

/**
 * Reads, from the event store, the stream of `customerId` and of every customer
 * linked to it by a merge or an unmerge at any time (transitively): everything
 * needed to tell which customers formed one at any instant. A customer without a
 * stream is left out; the map (customerId → its recorded stream) is empty when
 * `customerId` has none.
 */
export async function loadLinkedStreams(store: EventStore, customerId: string): Promise<Map<string, RecordedEvent[]>> {
  const streams = new Map<string, RecordedEvent[]>();
  const seen = new Set([customerId]);
  let frontier = [customerId];
  while (frontier.length > 0) {
    const read = await store.readStreams(frontier.map(customerStream));
    const next: string[] = [];
    for (const id of frontier) {
      const events = read.get(customerStream(id));
      if (!events) continue;
      streams.set(id, events);
      for (const recorded of events) {
        const event = storedCustomerEvent(recorded);
        for (const linked of event ? linkedIds(event) : []) {
          if (seen.has(linked)) continue;
          seen.add(linked);
          next.push(linked);
        }
      }
    }
    if (seen.size > MAX_LINKED_CUSTOMERS) {
      throw new ValidationError(`customer ${customerId} is linked to more than ${MAX_LINKED_CUSTOMERS} customers`, {
        code: 'history_too_large',
      });
    }
    frontier = next;
  }
  return streams;
}

/** The customer events of recorded streams (unknown types left out), as the fold reads them. */
export function timedStreams(streams: ReadonlyMap<string, readonly RecordedEvent[]>) {
  const timed = new Map<string, TimedEvent<StoredCustomerEvent>[]>();
  for (const [customerId, events] of streams) {
    timed.set(
      customerId,
      events.flatMap((recorded) => {
        const event = storedCustomerEvent(recorded);
        return event ? [{ event, recordedAt: recorded.recordedAt, globalPosition: recorded.globalPosition }] : [];
      }),
    );
  }
  return timed;
}

/** `events` with their personal parts opened under each customer's key (erased values read `[erased]`). */
export async function openStreams(
  streams: ReadonlyMap<string, readonly TimedEvent<StoredCustomerEvent>[]>,
  sealer: Sealer,
): Promise<Map<string, TimedEvent<CustomerEvent>[]>> {
  const opened = new Map<string, TimedEvent<CustomerEvent>[]>();
  for (const [customerId, events] of streams) {
    opened.set(
      customerId,
      await Promise.all(
        events.map(async (timed) => ({
          ...timed,
          event: { ...(await openCustomerEvent(customerId, timed.event, sealer)), id: timed.event.id },
        })),
      ),
    );
  }
  return opened;
}
