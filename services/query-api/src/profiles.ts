import type { SqlExecutor } from '@c360/sql';
import { membersCte } from '@c360/read-models';
import type { ContactFact, PopulationThresholds } from '@c360/traits';
import { computedAt } from './computed';

/**
 * Profiles as the read models hold them (rm_profiles, rm_identifiers, rm_merges):
 * clear values, not yet masked for the caller (see views.ts).
 */
export interface Profile {
  customerId: string;
  status: 'live' | 'merged';
  displayName: string | null;
  identifiers: { type: string; value: string }[];
  traits: Record<string, unknown>;
  /** Computed traits (@c360/traits); absent where they could not be computed. */
  computed?: Record<string, unknown>;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  channels: string[];
  touchpointCount: number;
  /** Customers absorbed into this one (transitively) and not given back. */
  mergedFrom: string[];
  createdAt: string;
}

interface ProfileRow {
  customer_id: string;
  status: 'live' | 'merged';
  display_name: string | null;
  traits: Record<string, unknown>;
  computed: Record<string, unknown>;
  first_seen_at: Date | null;
  last_seen_at: Date | null;
  channels: string[];
  touchpoint_count: number;
  created_at: Date;
}

const PROFILE_COLUMNS = `customer_id, status, display_name, traits, computed, first_seen_at, last_seen_at, channels,
  touchpoint_count, created_at`;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/**
 * CTEs `chain` and `live(customer_id)`: the customer `$1` lives on in now — itself
 * when live, else the end of its `merged_into` chain (no row when the read models do
 * not know `$1`).
 */
const LIVE_OF_$1 = `chain(customer_id, merged_into, depth) AS (
       SELECT customer_id, merged_into, 0 FROM rm_profiles WHERE customer_id = $1
       UNION ALL
       SELECT p.customer_id, p.merged_into, c.depth + 1
         FROM rm_profiles p JOIN chain c ON p.customer_id = c.merged_into
        WHERE c.depth < 1000),
     live(customer_id) AS (SELECT customer_id FROM chain ORDER BY depth DESC LIMIT 1)`;

/**
 * The customer `customerId` lives on in now: itself when live, else the end of its
 * `merged_into` chain. Null when the read models do not know the customer.
 */
export async function resolveLive(sql: SqlExecutor, customerId: string): Promise<string | null> {
  const { rows } = await sql.query<{ customer_id: string }>(
    `WITH RECURSIVE ${LIVE_OF_$1} SELECT customer_id FROM live`,
    [customerId],
  );
  return rows[0]?.customer_id ?? null;
}

/** Identifiers of live customers, by owner, ordered by when they were linked. */
async function identifiersOf(sql: SqlExecutor, ownerIds: readonly string[]) {
  const { rows } = await sql.query<{ owner_id: string; type: string; value: string }>(
    `SELECT owner_id, type, value FROM rm_identifiers WHERE owner_id = ANY($1) ORDER BY linked_at, type, value`,
    [ownerIds],
  );
  const byOwner = new Map<string, { type: string; value: string }[]>();
  for (const row of rows) {
    byOwner.set(row.owner_id, [...(byOwner.get(row.owner_id) ?? []), { type: row.type, value: row.value }]);
  }
  return byOwner;
}

function toProfile(row: ProfileRow, identifiers: Profile['identifiers'], mergedFrom: string[]): Profile {
  return {
    customerId: row.customer_id,
    status: row.status,
    displayName: row.display_name,
    identifiers,
    traits: row.traits,
    computed: row.computed,
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
    channels: row.channels,
    touchpointCount: row.touchpoint_count,
    mergedFrom,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * The profile `customerId` lives on in now (itself, or the survivor of the merges
 * that absorbed it) with its computed traits evaluated at `now`; null when unknown.
 * One statement: the merge chain, the profile, its identifiers, the customers it
 * absorbed and its contact facts (the computed traits' input).
 */
export async function readProfile(
  sql: SqlExecutor,
  customerId: string,
  now: Date,
  population?: PopulationThresholds,
): Promise<Profile | null> {
  const { rows } = await sql.query<
    ProfileRow & { identifiers: Profile['identifiers']; merged_from: string[]; facts: ContactFact[] }
  >(
    `WITH RECURSIVE ${LIVE_OF_$1},
     ${membersCte('SELECT customer_id FROM live')}
     SELECT ${PROFILE_COLUMNS},
            ARRAY(SELECT id FROM members WHERE id <> p.customer_id) AS merged_from,
            (SELECT coalesce(json_agg(json_build_object('type', i.type, 'value', i.value)
                                      ORDER BY i.linked_at, i.type, i.value), '[]')
               FROM rm_identifiers i WHERE i.owner_id = p.customer_id) AS identifiers,
            (SELECT coalesce(json_agg(h.fact ORDER BY h.occurred_at, h.touchpoint_id), '[]')
               FROM rm_contact_history h WHERE h.owner_id = p.customer_id AND p.status = 'live') AS facts
       FROM rm_profiles p JOIN live USING (customer_id)`,
    [customerId],
  );
  const row = rows[0];
  if (!row) return null;
  const profile = toProfile(row, row.identifiers, row.merged_from);
  return { ...profile, computed: computedAt(row.computed, row.facts, now, population) };
}

/** The live owner of an identifier, found by its keyed hash; null when nobody holds it. */
export async function ownerOfIdentifier(sql: SqlExecutor, type: string, hash: string): Promise<string | null> {
  const { rows } = await sql.query<{ owner_id: string }>(
    'SELECT owner_id FROM rm_identifiers WHERE type = $1 AND hash = $2',
    [type, hash],
  );
  return rows[0]?.owner_id ?? null;
}

const likePrefix = (text: string): string => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Live profiles whose display name (case-insensitive), an e-mail address or a phone
 * number (international form, with or without `+`) starts with `q`; ordered by
 * customer id, `after` the last customer id of the previous page. Profiles carry no
 * `mergedFrom` here (empty): ask the profile for it.
 */
export async function searchProfiles(
  sql: SqlExecutor,
  options: { q: string; after: string | null; limit: number },
): Promise<Profile[]> {
  const q = options.q.toLowerCase();
  const digits = /^(\+|00)?[\d\s().-]+$/.test(q) ? q.replace(/^00/, '').replace(/\D/g, '') : null;
  const { rows } = await sql.query<ProfileRow>(
    `WITH hits(id) AS (
       SELECT customer_id FROM rm_profiles WHERE status = 'live' AND lower(display_name) LIKE $1
       UNION SELECT owner_id FROM rm_identifiers WHERE type = 'email' AND value LIKE $1
       UNION SELECT owner_id FROM rm_identifiers WHERE type = 'phone' AND $2::text IS NOT NULL AND value LIKE $2)
     SELECT ${PROFILE_COLUMNS} FROM rm_profiles JOIN hits ON hits.id = rm_profiles.customer_id
      WHERE status = 'live' AND ($3::text IS NULL OR customer_id > $3)
      ORDER BY customer_id LIMIT $4`,
    [likePrefix(q), digits ? likePrefix(`+${digits}`) : null, options.after, options.limit],
  );
  const identifiers = await identifiersOf(
    sql,
    rows.map((r) => r.customer_id),
  );
  return rows.map((row) => toProfile(row, identifiers.get(row.customer_id) ?? [], []));
}
