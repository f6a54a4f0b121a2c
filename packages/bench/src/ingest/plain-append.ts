/**
 * The reference: the same touchpoints appended without identity resolution — the
 * ceiling of what the ingestor could do on that database. Untimed, each touchpoint
 * becomes the very `TouchpointRecorded` the ingestor stores for it (normalised
 * identifiers with their keyed hashes, personal parts sealed by the keyring under
 * the customer's key, the same metadata and deterministic event id) in the stream
 * of the customer its person ends up as (built once per run). Timed, on a fresh
 * database of the row's kind, after the row's ingest: one `appendMany` per batch of
 * `batchSize` touchpoints in arrival order, one request per distinct stream of the
 * batch with its expected revision, one batch after the other (as one ingestor works).
 */
import { randomBytes } from 'node:crypto';
import type { AppendRequest, NewEvent } from '@c360/event-store';
import { getPostgresEventStore, migrateEventStore } from '@c360/event-store-postgres';
import {
  customerStream,
  DEFAULT_IDENTITY_POLICY,
  eventId,
  newCustomerId,
  normaliseIdentifiers,
  resolveTouchpoint,
  sealCustomerEvent,
  type CustomerEvent,
} from '@c360/identity';
import { migrateKeyring, openKeyring, type Keyring } from '@c360/keyring';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import type { Touchpoint } from '@c360/touchpoint';
import { throughput, timed, type Throughput } from '../measure';
import { chunks, type IngestWorkload } from './workload';

export interface PlainAppend extends Throughput {
  /** Average JSON size of an appended event's data. */
  dataBytes: number;
  appendCalls: number;
}

/** The customer each person ends up as: the one their first touchpoint (the sign-up) creates. */
export function customerOfPerson(workload: IngestWorkload): Map<number, string> {
  const customers = new Map<number, string>();
  for (const touchpoint of workload.touchpoints) {
    const person = workload.personOf.get(touchpoint.touchpointId)!;
    if (!customers.has(person)) customers.set(person, newCustomerId(touchpoint.touchpointId));
  }
  return customers;
}

async function recordedEvent(touchpoint: Touchpoint, customerId: string, keyring: Keyring): Promise<NewEvent> {
  const policy = DEFAULT_IDENTITY_POLICY;
  const identifiers = normaliseIdentifiers(touchpoint.identifiers, policy).map((id) => ({
    ...id,
    hash: id.status === 'valid' ? keyring.identifierHash(id.type, id.value) : null,
  }));
  // Resolved against an empty store only to get the event's shape: its data does not depend on the owners.
  const resolution = resolveTouchpoint({ touchpoint, identifiers, owners: new Map(), customers: new Map(), policy });
  const event = resolution.changes
    .flatMap((change) => change.events)
    .find((e): e is CustomerEvent & { id: string } => e.type === 'TouchpointRecorded')!;
  const id = eventId(touchpoint.touchpointId, customerStream(customerId), 'touchpoint');
  const metadata = {
    causationId: touchpoint.touchpointId,
    correlationId: touchpoint.touchpointId,
    ruleVersion: policy.ruleVersion,
    recordedAt: new Date().toISOString(),
  };
  return sealCustomerEvent(customerId, { ...event, id }, { sealer: keyring, metadata });
}

/** One request per distinct stream of each batch, in first-appearance order, with expected revisions. */
function appendBatches(events: readonly { streamId: string; event: NewEvent }[], batchSize: number): AppendRequest[][] {
  const revisions = new Map<string, bigint>();
  return chunks(events, batchSize).map((batch) => {
    const byStream = new Map<string, NewEvent[]>();
    for (const { streamId, event } of batch) {
      const streamEvents = byStream.get(streamId);
      if (streamEvents) streamEvents.push(event);
      else byStream.set(streamId, [event]);
    }
    return [...byStream].map(([streamId, streamEvents]) => {
      const before = revisions.get(streamId);
      revisions.set(streamId, (before ?? -1n) + BigInt(streamEvents.length));
      return { streamId, events: streamEvents, expectedRevision: before ?? ('no_stream' as const) };
    });
  });
}

/** The reference's appends, built once and appended on every row's database alike. */
export interface PlainAppendRun {
  batches: AppendRequest[][];
  events: number;
  /** Average JSON size of an event's data. */
  dataBytes: number;
}

/**
 * Untimed: seals every touchpoint's `TouchpointRecorded` with a keyring of its own
 * (a throwaway PGlite database holds its keys; the ciphertexts have the size they
 * have in the ingestor's store) and groups them into the appends of each batch.
 */
export async function buildPlainAppend(workload: IngestWorkload, batchSize: number): Promise<PlainAppendRun> {
  const db = await pgliteTestDatabase();
  try {
    await migrateKeyring(db.sql);
    const customers = customerOfPerson(workload);
    const keyring = await openKeyring({ sql: db.sql, masterKey: randomBytes(32), cacheSize: customers.size + 1 });
    await keyring.ensureKeys([...customers.values()]);
    const events: { streamId: string; event: NewEvent }[] = [];
    let dataBytes = 0;
    for (const touchpoint of workload.touchpoints) {
      const customerId = customers.get(workload.personOf.get(touchpoint.touchpointId)!)!;
      const event = await recordedEvent(touchpoint, customerId, keyring);
      dataBytes += JSON.stringify(event.data).length;
      events.push({ streamId: customerStream(customerId), event });
    }
    return { batches: appendBatches(events, batchSize), events: events.length, dataBytes: dataBytes / events.length };
  } finally {
    await db.dispose();
  }
}

/** Timed: the batches appended one after the other on `db`, a fresh database. */
export async function plainAppend(
  db: TestDatabase,
  run: PlainAppendRun,
  settle: () => Promise<void>,
): Promise<PlainAppend> {
  await migrateEventStore(db.sql);
  const store = getPostgresEventStore(db.sql);
  await settle();
  const appended = await timed(async () => {
    for (const requests of run.batches) await store.appendMany(requests);
  });
  const { rows } = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events');
  if (rows[0]?.n !== run.events) throw new Error(`plain append stored ${rows[0]?.n} events of ${run.events}`);
  await store.close();
  return { ...throughput(run.events, appended), dataBytes: run.dataBytes, appendCalls: run.batches.length };
}
