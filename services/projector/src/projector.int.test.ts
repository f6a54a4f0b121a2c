import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@c360/bus';
import { waitFor } from '@c360/bus/testing';
import type { EventStore, RecordedEvent } from '@c360/event-store';
import { DEFAULT_IDENTITY_POLICY } from '@c360/identity';
import { unmergeCustomer } from '@c360/ingestor';
import { embeddedIngestStack, population, type IngestStack } from '@c360/ingestor/testing';
import { applyBatch, LIVE_TABLES, migrateReadModels, readCheckpoint } from '@c360/read-models';
import type { Sql } from '@c360/sql';
import { pgliteTestDatabase, type TestDatabase } from '@c360/testing';
import { touchpointId, type Identifier, type Touchpoint } from '@c360/touchpoint';
import { posSale } from '@c360/touchpoint/testing';
import { startProjector, PROFILE_PROJECTION } from './projector';
import { rebuildProjection, verifyProjection } from './rebuild';

let visits = 0;
function visit(identifiers: Identifier[]): Touchpoint {
  visits += 1;
  const source = { ...posSale.source, sourceId: `projector-${visits}` };
  const at = Date.UTC(2026, 5, visits);
  return { ...posSale, source, touchpointId: touchpointId(source), identifiers, occurredAt: at, receivedAt: at };
}

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const batch = await store.readAll({ after, limit: 5_000 });
    if (batch.length === 0) return all;
    all.push(...batch);
    after = batch.at(-1)!.globalPosition;
  }
}

async function snapshot(sql: Sql): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['rm_profiles', 'rm_identifiers', 'rm_contact_history', 'rm_merges', 'rm_identity_log']) {
    out[table] = (await sql.query(`SELECT * FROM ${table} ORDER BY 1, 2`)).rows;
  }
  return out;
}

describe('projector (embedded stack)', () => {
  let db: TestDatabase;
  let bus: Bus;
  let stack: IngestStack;
  const people = population({ people: 40, touchpoints: 200, seed: 3 });

  const caughtUp = async () => {
    const events = await allEvents(stack.store);
    return events.at(-1)?.globalPosition ?? 0n;
  };

  beforeAll(async () => {
    db = await pgliteTestDatabase();
    await migrateReadModels(db.sql);
    ({ bus, stack } = await embeddedIngestStack({ sql: db.sql, partitions: 3 }));
    const ingest = async (touchpoints: Touchpoint[]) => {
      const target = stack.decided() + touchpoints.length;
      await stack.publish(touchpoints);
      await waitFor(() => stack.decided() >= target, 60_000, 'ingested');
    };
    await ingest(people.touchpoints);
    // and one merge: two cards seen apart, then together
    await ingest([
      visit([{ type: 'loyalty_id', value: 'MERGE-1' }]),
      visit([{ type: 'loyalty_id', value: 'MERGE-2' }]),
    ]);
    await ingest([
      visit([
        { type: 'loyalty_id', value: 'MERGE-1' },
        { type: 'loyalty_id', value: 'MERGE-2' },
      ]),
    ]);
  });
  afterAll(async () => {
    await stack.close();
    await bus.close();
    await db.dispose();
  });

  it('given ingested history, when the projector runs, then each person has one live profile holding all their contacts and identifiers', async () => {
    const head = await caughtUp();
    const projector = await startProjector({ store: stack.store, sql: db.sql, sealer: stack.keyring, batchSize: 50 });
    await waitFor(() => projector.position >= head, 30_000, 'projector caught up').finally(() => projector.stop());

    const profiles = await db.sql.query<{ customer_id: string; touchpoint_count: number; display_name: string | null }>(
      `SELECT customer_id, touchpoint_count, display_name FROM rm_profiles WHERE status = 'live'`,
    );
    expect(profiles.rows).toHaveLength(people.people.length + 1);
    expect(profiles.rows.reduce((sum, p) => sum + p.touchpoint_count, 0)).toBe(people.touchpoints.length + 3);
    const owners = await db.sql.query<{ person: string; owners: number }>(
      `SELECT i.value AS person, count(DISTINCT i.owner_id)::int AS owners FROM rm_identifiers i WHERE i.type = 'email' GROUP BY i.value`,
    );
    expect(owners.rows).toHaveLength(people.people.length);
    expect(owners.rows.every((r) => r.owners === 1)).toBe(true);
    const named = profiles.rows.filter((p) => p.display_name?.startsWith('Person '));
    expect(named).toHaveLength(people.people.length);
    expect(await readCheckpoint(db.sql, PROFILE_PROJECTION)).toBe(head);
  }, 60_000);

  it('given a restarted process (no key cached), when it verifies, then it decrypts what it needs without waiting on itself', async () => {
    const cold = await stack.coldKeyring();
    const report = await verifyProjection({ store: stack.store, sql: db.sql, sealer: cold });
    expect(report.ok).toBe(true);
  }, 60_000);

  it('given projected tables, when every event is applied again, then nothing changes', async () => {
    const before = await snapshot(db.sql);
    const events = await allEvents(stack.store);
    await db.sql.transaction((tx) => applyBatch(tx, events, { tables: LIVE_TABLES, sealer: stack.keyring }));
    expect(await snapshot(db.sql)).toEqual(before);
  }, 60_000);

  it('given live tables, when verified, then a rebuild from position 0 shows no difference; and a rebuild swaps in equal tables', async () => {
    const pristine = await snapshot(db.sql);
    const report = await verifyProjection({ store: stack.store, sql: db.sql, sealer: stack.keyring });
    expect(
      JSON.stringify(report.differences, (_k, v) => (typeof v === 'bigint' ? String(v) : v), 1).slice(0, 3000),
    ).toBe('[]');
    expect(report.ok).toBe(true);

    await db.sql.query(
      `UPDATE rm_profiles SET display_name = 'Tampered' WHERE customer_id = (SELECT min(customer_id) FROM rm_profiles)`,
    );
    const tampered = await verifyProjection({ store: stack.store, sql: db.sql, sealer: stack.keyring });
    expect(tampered.differences).toMatchObject([{ table: 'profiles', onlyLive: 1, onlyRebuilt: 1 }]);
    await db.sql.query(`UPDATE rm_profiles SET display_name = NULL WHERE display_name = 'Tampered'`);
    const before = await snapshot(db.sql);
    // Small pages: the refresh deferred to the end of the replay must cover every customer any page touched.
    const rebuilt = await rebuildProjection({ store: stack.store, sql: db.sql, sealer: stack.keyring, batchSize: 7 });
    expect(rebuilt.events).toBe((await allEvents(stack.store)).length);
    const after = await snapshot(db.sql);
    expect(after.rm_contact_history).toHaveLength(people.touchpoints.length + 3);
    expect(after.rm_contact_history).toEqual(before.rm_contact_history);
    expect(after.rm_identifiers).toEqual(before.rm_identifiers);
    expect(after.rm_profiles).not.toEqual(before.rm_profiles); // the blanked name came back from the events
    expect(after.rm_profiles).toEqual(pristine.rm_profiles); // as the live projector built them, batch by batch
    expect((await verifyProjection({ store: stack.store, sql: db.sql, sealer: stack.keyring })).ok).toBe(true);
  }, 60_000);

  it('given a merge and its reversal, then contacts follow the survivor and go back after the unmerge; a resumed projector ends equal to a rebuild', async () => {
    const merged = await db.sql.query<{ absorbed_id: string; survivor_id: string }>(
      `SELECT absorbed_id, survivor_id FROM rm_merges m JOIN rm_identifiers i ON i.owner_id = m.survivor_id
        WHERE i.type = 'loyalty_id' AND i.value = 'MERGE2'`,
    );
    const absorbedId = merged.rows[0]?.absorbed_id;
    expect(absorbedId).toBeDefined();
    const own = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rm_contact_history WHERE customer_id = $1`,
      [absorbedId],
    );

    await unmergeCustomer(
      { store: stack.store, sealer: stack.keyring, ruleVersion: DEFAULT_IDENTITY_POLICY.ruleVersion },
      { commandId: 'test-unmerge', absorbedId: absorbedId!, reason: 'test' },
    );
    const head = await caughtUp();
    const projector = await startProjector({ store: stack.store, sql: db.sql, sealer: stack.keyring });
    await waitFor(() => projector.position >= head, 30_000, 'projector caught up').finally(() => projector.stop());

    const back = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rm_contact_history WHERE owner_id = $1`,
      [absorbedId],
    );
    expect(back.rows[0]!.n).toBeGreaterThanOrEqual(own.rows[0]!.n);
    const status = await db.sql.query<{ status: string }>(`SELECT status FROM rm_profiles WHERE customer_id = $1`, [
      absorbedId,
    ]);
    expect(status.rows[0]!.status).toBe('live');
    expect((await verifyProjection({ store: stack.store, sql: db.sql, sealer: stack.keyring })).differences).toEqual(
      [],
    );
  }, 60_000);
});
