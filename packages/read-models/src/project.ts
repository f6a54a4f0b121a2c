import type { RecordedEvent } from '@c360/event-store';
import {
  customerIdOf,
  openCustomerEvent,
  storedCustomerEvent,
  type CustomerEvent,
  type Sealer,
  type StoredCustomerEvent,
  type TouchpointRecorded,
} from '@c360/identity';
import type { SqlExecutor } from '@c360/sql';
import { contactSummary, factFromTouchpoint } from '@c360/traits';
import { membersOf } from './members';
import type { ReadModelTables } from './tables';

interface ContactRow {
  touchpoint_id: string;
  customer_id: string;
  owner_id: string;
  channel: string;
  type: string;
  occurred_at: string;
  received_at: string;
  summary: unknown;
  fact: unknown;
  detail: unknown;
  source: unknown;
  global_position: string;
}

/**
 * Applies one batch of store events to the read models, in store order, inside the
 * caller's transaction. Idempotent: applying the same events again changes nothing
 * (inserts are keyed by touchpoint / identifier / event position, aggregates are
 * recomputed from rows). Returns the customers whose profile must be refreshed.
 */
export async function projectEvents(
  tx: SqlExecutor,
  events: readonly RecordedEvent[],
  options: { tables: ReadModelTables; sealer: Sealer },
): Promise<Set<string>> {
  const t = options.tables;
  const owners = new OwnerIndex(tx, t);
  await owners.preload(events.map((e) => customerIdOf(e.streamId)).filter((id): id is string => id !== null));
  const dirty = new Set<string>();
  let contacts: ContactRow[] = [];
  let identifiers: unknown[] = [];
  let logs: unknown[] = [];
  let created: unknown[] = [];
  const flush = async () => {
    if (created.length > 0) {
      await tx.query(
        `INSERT INTO ${t.profiles} (customer_id, status, created_at)
         SELECT customer_id, 'live', created_at FROM jsonb_to_recordset($1::jsonb) AS r(customer_id text, created_at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(created)],
      );
    }
    if (contacts.length > 0) await insertContacts(tx, t, contacts);
    if (identifiers.length > 0) {
      await tx.query(
        `INSERT INTO ${t.identifiers} (type, hash, value, customer_id, owner_id, touchpoint_id, linked_at)
         SELECT type, hash, value, customer_id, owner_id, touchpoint_id, linked_at
           FROM jsonb_to_recordset($1::jsonb) AS r(type text, hash text, value text, customer_id text, owner_id text,
                touchpoint_id uuid, linked_at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(identifiers)],
      );
    }
    if (logs.length > 0) {
      await tx.query(
        `INSERT INTO ${t.identityLog} (customer_id, global_position, kind, touchpoint_id, rule_version, detail, recorded_at)
         SELECT customer_id, global_position, kind, touchpoint_id, rule_version, detail, recorded_at
           FROM jsonb_to_recordset($1::jsonb) AS r(customer_id text, global_position bigint, kind text,
                touchpoint_id text, rule_version text, detail jsonb, recorded_at timestamptz)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(logs)],
      );
    }
    contacts = [];
    identifiers = [];
    logs = [];
    created = [];
  };

  for (const recorded of events) {
    const customerId = customerIdOf(recorded.streamId);
    const stored = customerId ? storedCustomerEvent(recorded) : null;
    if (!customerId || !stored) continue;
    const event = await openCustomerEvent(customerId, stored, options.sealer);
    const at = recorded.recordedAt.toISOString();
    const position = String(recorded.globalPosition);
    const log = (kind: string, touchpointId: string | null, ruleVersion: string | null, detail: unknown) => {
      logs.push({
        customer_id: customerId,
        global_position: position,
        kind,
        touchpoint_id: touchpointId,
        rule_version: ruleVersion,
        detail,
        recorded_at: at,
      });
    };
    switch (event.type) {
      case 'CustomerCreated':
        created.push({ customer_id: customerId, created_at: new Date(event.data.createdAt).toISOString() });
        owners.created(customerId);
        break;
      case 'IdentifierLinked': {
        const owner = await owners.rootOf(customerId);
        const { type, hash, value } = event.data.identifier;
        identifiers.push({
          type,
          hash,
          value,
          customer_id: customerId,
          owner_id: owner,
          touchpoint_id: event.data.touchpointId,
          linked_at: at,
        });
        log('identifier_linked', event.data.touchpointId, metadataRule(recorded), { type, hash });
        dirty.add(owner);
        break;
      }
      case 'TouchpointRecorded': {
        const owner = await owners.rootOf(customerId);
        contacts.push(contactRow(event, { customerId, owner, position }));
        dirty.add(owner);
        break;
      }
      case 'CustomerMerged': {
        await flush();
        const survivor = await owners.rootOf(event.data.into);
        await tx.query(
          `INSERT INTO ${t.merges} (absorbed_id, survivor_id, touchpoint_id, rule_version, evidence, merged_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [
            customerId,
            event.data.into,
            event.data.touchpointId,
            event.data.ruleVersion,
            JSON.stringify(event.data.evidence),
            at,
          ],
        );
        await tx.query(`UPDATE ${t.profiles} SET status = 'merged', merged_into = $2 WHERE customer_id = $1`, [
          customerId,
          event.data.into,
        ]);
        for (const table of [t.contacts, t.identifiers]) {
          await tx.query(`UPDATE ${table} SET owner_id = $2 WHERE owner_id = $1`, [customerId, survivor]);
        }
        owners.merged(customerId, event.data.into);
        log('merged_into', event.data.touchpointId, event.data.ruleVersion, event.data);
        dirty.add(customerId); // owns no rows now: its aggregates are cleared
        dirty.add(survivor);
        break;
      }
      case 'CustomerAbsorbed':
        log('absorbed', event.data.touchpointId, event.data.ruleVersion, event.data);
        break;
      case 'IdentityConflictDetected':
        log('conflict', event.data.touchpointId, event.data.ruleVersion, event.data);
        break;
      case 'MergeReverted': {
        log('merge_reverted', null, metadataRule(recorded), event.data);
        if (customerId !== event.data.absorbedId) break; // acted on once, from the absorbed side
        await flush();
        const { absorbedId, survivorId } = event.data;
        await tx.query(
          `UPDATE ${t.merges} SET reverted_at = $3, revert_reason = $4
            WHERE absorbed_id = $1 AND survivor_id = $2 AND reverted_at IS NULL`,
          [absorbedId, survivorId, at, event.data.reason],
        );
        await tx.query(`UPDATE ${t.profiles} SET status = 'live', merged_into = NULL WHERE customer_id = $1`, [
          absorbedId,
        ]);
        owners.reverted(absorbedId);
        const members = await membersOf(tx, absorbedId, t);
        for (const table of [t.contacts, t.identifiers]) {
          await tx.query(`UPDATE ${table} SET owner_id = $2 WHERE customer_id = ANY($1)`, [members, absorbedId]);
        }
        dirty.add(absorbedId);
        dirty.add(await owners.rootOf(survivorId));
        break;
      }
      default: {
        const unknown: never = event;
        throw new Error(`unhandled event ${(unknown as CustomerEvent).type}`);
      }
    }
  }
  await flush();
  return dirty;
}

function contactRow(
  event: TouchpointRecorded,
  where: { customerId: string; owner: string; position: string },
): ContactRow {
  const data = event.data;
  const fact = factFromTouchpoint({
    touchpointId: data.touchpointId,
    channel: data.channel,
    type: data.touchpointType,
    occurredAt: data.occurredAt,
    payload: data.payload as never,
    traits: data.traits,
    context: data.context,
    consent: data.consent,
  });
  return {
    touchpoint_id: data.touchpointId,
    customer_id: where.customerId,
    owner_id: where.owner,
    channel: data.channel,
    type: data.touchpointType,
    occurred_at: new Date(data.occurredAt).toISOString(),
    received_at: new Date(data.receivedAt).toISOString(),
    summary: contactSummary(fact),
    fact,
    detail: {
      identifiers: data.identifiers,
      traits: data.traits,
      context: data.context,
      payload: data.payload,
      locale: data.locale,
      consent: data.consent,
    },
    source: data.source,
    global_position: where.position,
  };
}

async function insertContacts(tx: SqlExecutor, t: ReadModelTables, rows: ContactRow[]): Promise<void> {
  await tx.query(
    `INSERT INTO ${t.contacts} (touchpoint_id, customer_id, owner_id, channel, type, occurred_at, received_at,
                                summary, fact, detail, source, global_position)
     SELECT touchpoint_id, customer_id, owner_id, channel, type, occurred_at, received_at,
            summary, fact, detail, source, global_position
       FROM jsonb_to_recordset($1::jsonb) AS r(touchpoint_id uuid, customer_id text, owner_id text, channel text,
            type text, occurred_at timestamptz, received_at timestamptz, summary jsonb, fact jsonb, detail jsonb,
            source jsonb, global_position bigint)
     ON CONFLICT (touchpoint_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

const metadataRule = (event: RecordedEvent): string | null =>
  typeof event.metadata.ruleVersion === 'string' ? event.metadata.ruleVersion : null;

/** Live owners of customers, read from the profiles table and followed along merges within the batch. */
class OwnerIndex {
  private readonly mergedInto = new Map<string, string | null>();
  constructor(
    private readonly tx: SqlExecutor,
    private readonly t: ReadModelTables,
  ) {}

  /** Loads the merge pointers of `customerIds` in one query. */
  async preload(customerIds: string[]): Promise<void> {
    const wanted = [...new Set(customerIds)].filter((id) => !this.mergedInto.has(id));
    if (wanted.length === 0) return;
    const { rows } = await this.tx.query<{ customer_id: string; merged_into: string | null }>(
      `SELECT customer_id, merged_into FROM ${this.t.profiles} WHERE customer_id = ANY($1)`,
      [wanted],
    );
    for (const row of rows) this.mergedInto.set(row.customer_id, row.merged_into);
  }

  created(customerId: string): void {
    if (!this.mergedInto.has(customerId)) this.mergedInto.set(customerId, null);
  }
  merged(customerId: string, into: string): void {
    this.mergedInto.set(customerId, into);
  }
  reverted(customerId: string): void {
    this.mergedInto.set(customerId, null);
  }

  async rootOf(customerId: string): Promise<string> {
    let current = customerId;
    for (let hops = 0; hops < 1000; hops += 1) {
      if (!this.mergedInto.has(current)) {
        const { rows } = await this.tx.query<{ merged_into: string | null }>(
          `SELECT merged_into FROM ${this.t.profiles} WHERE customer_id = $1`,
          [current],
        );
        this.mergedInto.set(current, rows[0]?.merged_into ?? null);
      }
      const next = this.mergedInto.get(current);
      if (!next) return current;
      current = next;
    }
    throw new Error(`merge chain from ${customerId} does not end`);
  }
}

export type { StoredCustomerEvent };
