import type { SqlExecutor } from '@c360/sql';
import { computeTraits, type ContactFact } from '@c360/traits';
import type { ReadModelTables } from './tables';

/**
 * Recomputes, from their contact rows, the profile aggregates of live customers a
 * batch touched: first/last seen, touchpoint count, channels, the declared traits
 * (latest value per key, by when it happened), the display name and the computed
 * traits. Computed traits are evaluated as of the customer's latest contact, so the
 * result depends only on the events (a rebuild reproduces it exactly); the query API
 * re-evaluates time-dependent traits for the moment of the request.
 */
export async function refreshProfiles(
  tx: SqlExecutor,
  t: ReadModelTables,
  customerIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return;
  const { rows } = await tx.query<{ owner_id: string; facts: ContactFact[]; channels: string[] }>(
    `SELECT owner_id, jsonb_agg(fact ORDER BY occurred_at, touchpoint_id) AS facts,
            array_agg(DISTINCT channel ORDER BY channel) AS channels
       FROM ${t.contacts} WHERE owner_id = ANY($1) GROUP BY owner_id`,
    [ids],
  );
  const updates = rows.map((row) => {
    const facts = row.facts;
    const traits: Record<string, unknown> = {};
    for (const fact of facts) Object.assign(traits, fact.traits);
    const last = facts.at(-1)!;
    const computed = computeTraits(facts, { now: new Date(last.occurredAt) });
    return {
      customer_id: row.owner_id,
      first_seen_at: new Date(facts[0]!.occurredAt).toISOString(),
      last_seen_at: new Date(last.occurredAt).toISOString(),
      touchpoint_count: facts.length,
      channels: row.channels,
      display_name: displayName(traits),
      traits,
      computed,
      lifetime_value: Math.round(computed.lifetimeValue),
    };
  });
  const empty = ids.filter((id) => !rows.some((r) => r.owner_id === id));
  await tx.query(
    `UPDATE ${t.profiles} p
        SET first_seen_at = u.first_seen_at, last_seen_at = u.last_seen_at, touchpoint_count = u.touchpoint_count,
            channels = u.channels, display_name = u.display_name, traits = u.traits, computed = u.computed,
            lifetime_value = u.lifetime_value
       FROM jsonb_to_recordset($1::jsonb) AS u(customer_id text, first_seen_at timestamptz, last_seen_at timestamptz,
            touchpoint_count integer, channels text[], display_name text, traits jsonb, computed jsonb, lifetime_value bigint)
      WHERE p.customer_id = u.customer_id`,
    [JSON.stringify(updates)],
  );
  if (empty.length > 0) {
    await tx.query(
      `UPDATE ${t.profiles} SET first_seen_at = NULL, last_seen_at = NULL, touchpoint_count = 0, channels = '{}',
              display_name = NULL, traits = '{}', computed = '{}', lifetime_value = 0
        WHERE customer_id = ANY($1)`,
      [empty],
    );
  }
}

/** The name a person gave, from the usual trait spellings (Segment's `name`, `firstName` + `lastName`, …). */
export function displayName(traits: Record<string, unknown>): string | null {
  const text = (key: string) => (typeof traits[key] === 'string' ? (traits[key] as string).trim() : '');
  const full = text('name') || text('fullName') || text('full_name');
  if (full) return full;
  const parts = [text('firstName') || text('first_name'), text('lastName') || text('last_name')].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}
