import type { EventStore } from '@c360/event-store';
import {
  applyCustomerEvent,
  customerIdOf,
  followMerges,
  initialCustomerState,
  storedCustomerEvent,
  type CustomerState,
} from '@c360/identity';
import type { Population } from './population';

export interface StoreOutcome {
  /** touchpointId → how many TouchpointRecorded events name it. */
  recordedCount: Map<string, number>;
  /** touchpointId → the live customer it belongs to now. */
  liveCustomerOf: Map<string, string>;
  liveCustomers: Set<string>;
  customers: Map<string, CustomerState>;
  /** Every stream id and event body, as stored. */
  rawText: string[];
}

/** Reads the whole store and folds what identity resolution left in it. */
export async function readOutcome(store: EventStore): Promise<StoreOutcome> {
  const customers = new Map<string, CustomerState>();
  const recordedIn = new Map<string, string[]>();
  const rawText: string[] = [];
  for (let after = 0n; ;) {
    const events = await store.readAll({ after, limit: 5_000 });
    if (events.length === 0) break;
    after = events.at(-1)!.globalPosition;
    for (const recorded of events) {
      rawText.push(recorded.streamId, JSON.stringify(recorded.data));
      const customerId = customerIdOf(recorded.streamId);
      const event = customerId ? storedCustomerEvent(recorded) : null;
      if (!customerId || !event) continue;
      const state = customers.get(customerId) ?? initialCustomerState(customerId);
      customers.set(customerId, state);
      applyCustomerEvent(state, event);
      if (event.type === 'TouchpointRecorded') {
        recordedIn.set(event.data.touchpointId, [...(recordedIn.get(event.data.touchpointId) ?? []), customerId]);
      }
    }
  }
  const liveCustomerOf = new Map<string, string>();
  const recordedCount = new Map<string, number>();
  for (const [touchpointId, where] of recordedIn) {
    recordedCount.set(touchpointId, where.length);
    liveCustomerOf.set(touchpointId, followMerges(where[0]!, customers));
  }
  const liveCustomers = new Set([...customers.values()].filter((c) => !c.mergedInto).map((c) => c.customerId));
  return { recordedCount, liveCustomerOf, liveCustomers, customers, rawText };
}

/** People whose touchpoints ended up in more than one live customer, and customers holding more than one person. */
export function identityErrors(population: Population, outcome: StoreOutcome): { split: number[]; glued: string[] } {
  const customersOfPerson = new Map<number, Set<string>>();
  const peopleOfCustomer = new Map<string, Set<number>>();
  for (const [touchpointId, person] of population.personOf) {
    const customer = outcome.liveCustomerOf.get(touchpointId);
    if (!customer) continue;
    customersOfPerson.set(person, (customersOfPerson.get(person) ?? new Set()).add(customer));
    peopleOfCustomer.set(customer, (peopleOfCustomer.get(customer) ?? new Set()).add(person));
  }
  return {
    split: [...customersOfPerson].filter(([, set]) => set.size > 1).map(([person]) => person),
    glued: [...peopleOfCustomer].filter(([, set]) => set.size > 1).map(([customer]) => customer),
  };
}
