import type { EventStore } from '@c360/event-store';
import type { Sealer } from '@c360/identity';
import {
  LIVE_TABLES,
  projectEvents,
  refreshProfiles,
  readModelTables,
  saveCheckpoint,
  TABLE_KINDS,
  type ReadModelTables,
} from '@c360/read-models';
import type { Sql, SqlExecutor } from '@c360/sql';
import { prefetchKeys, PROFILE_PROJECTION } from './projector';

export interface ReplayProgress {
  events: number;
  position: bigint;
}

interface ReplayOptions {
  store: EventStore;
  sql: Sql;
  sealer: Sealer;
  batchSize?: number;
  onProgress?: (progress: ReplayProgress) => void;
}

/** Fresh, empty tables shaped like the live ones, under `prefix`. */
async function createGeneration(sql: SqlExecutor, prefix: string): Promise<ReadModelTables> {
  const tables = readModelTables(prefix);
  for (const kind of TABLE_KINDS) {
    await sql.query(`DROP TABLE IF EXISTS ${prefix}${kind}`);
    await sql.query(`CREATE TABLE ${prefix}${kind} (LIKE rm_${kind} INCLUDING ALL)`);
  }
  return tables;
}

async function dropGeneration(sql: SqlExecutor, prefix: string): Promise<void> {
  for (const kind of TABLE_KINDS) await sql.query(`DROP TABLE IF EXISTS ${prefix}${kind}`);
}

/** Profiles refreshed per statement at the end of a replay. */
const REFRESH_CHUNK = 1_000;

/**
 * Replays the store into `tables` from `after` up to `until` (inclusive; absent: the
 * end): how many events, and where it stopped. The tables are not live while this
 * runs, so two things the live projector does per batch are done differently: the
 * next page is read while the current one is applied, and the profiles' aggregates
 * are refreshed once, at the end, for every customer any batch touched (a profile's
 * aggregates depend only on its final contact rows) instead of after every batch.
 */
async function replay(
  options: ReplayOptions & { tables: ReadModelTables; after: bigint; until?: bigint },
): Promise<ReplayProgress> {
  const { store, sql, sealer, tables } = options;
  const limit = options.batchSize ?? 2_000;
  const read = async (after: bigint) =>
    (await store.readAll({ after, limit })).filter(
      (e) => options.until === undefined || e.globalPosition <= options.until,
    );
  let position = options.after;
  let events = 0;
  const dirty = new Set<string>();
  let next = read(position);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    position = batch.at(-1)!.globalPosition;
    next = read(position);
    // Keys before the transaction: on PGlite its one connection would be held by it.
    await prefetchKeys(sealer, batch);
    const touched = await sql.transaction((tx) => projectEvents(tx, batch, { tables, sealer }));
    for (const id of touched) dirty.add(id);
    events += batch.length;
    options.onProgress?.({ events, position });
  }
  const ids = [...dirty];
  for (let i = 0; i < ids.length; i += REFRESH_CHUNK)
    await sql.transaction((tx) => refreshProfiles(tx, tables, ids.slice(i, i + REFRESH_CHUNK)));
  return { events, position };
}

/**
 * Rebuild: replays every event from position 0 into new tables, catches up with
 * what arrived meanwhile, and — in one transaction holding the live checkpoint, once
 * the new tables are at least as far as the live ones — swaps them in by renaming.
 * Readers see the old tables or the new ones, never a half-built state. A projector running meanwhile waits for the swap
 * and then continues on the new tables (re-applying a batch changes nothing).
 */
export async function rebuildProjection(options: ReplayOptions): Promise<ReplayProgress> {
  const tables = await createGeneration(options.sql, 'rmx_');
  let { events, position: replayed } = await replay({ ...options, tables, after: 0n });
  for (let attempt = 1; ; attempt += 1) {
    const swapped = await options.sql.transaction(async (tx) => {
      const live = await lockCheckpoint(tx);
      if (live > replayed) return null; // the live projector moved on: catch up outside the lock, then retry
      for (const kind of TABLE_KINDS) {
        await tx.query(`ALTER TABLE rm_${kind} RENAME TO rmo_${kind}`);
        await tx.query(`ALTER TABLE rmx_${kind} RENAME TO rm_${kind}`);
      }
      await dropGeneration(tx, 'rmo_');
      await tx.query(`DELETE FROM rm_checkpoints WHERE projection = $1`, [PROFILE_PROJECTION]);
      await saveCheckpoint(tx, PROFILE_PROJECTION, replayed);
      return { events, position: replayed };
    });
    if (swapped) return swapped;
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`rebuild could not catch up with the live projector in ${MAX_ATTEMPTS} tries`);
    const more = await replay({ ...options, tables, after: replayed });
    events += more.events;
    replayed = more.position;
  }
}

const MAX_ATTEMPTS = 20;

/**
 * Locks the live checkpoint row (the live projector cannot commit while it is held)
 * and answers its position. The store is never read while the lock is held: on
 * PGlite, one connection serves both.
 */
async function lockCheckpoint(tx: SqlExecutor): Promise<bigint> {
  const { rows } = await tx.query<{ position: bigint }>(
    `SELECT position FROM rm_checkpoints WHERE projection = $1 FOR UPDATE`,
    [PROFILE_PROJECTION],
  );
  return rows[0]?.position ?? 0n;
}

export interface VerifyReport {
  position: bigint;
  /** Per table: rows only in the live table, rows only in the rebuilt one. */
  differences: { table: string; onlyLive: number; onlyRebuilt: number; examples: unknown[] }[];
  ok: boolean;
}

/**
 * Verify: rebuilds into shadow tables up to exactly the live checkpoint and, holding
 * it (so the live tables stand still), compares every row of every table both ways.
 * A live projection behind the store is reported as an error: verify when caught up.
 */
export async function verifyProjection(options: ReplayOptions): Promise<VerifyReport> {
  const shadow = await createGeneration(options.sql, 'rmv_');
  try {
    let replayed = (await replay({ ...options, tables: shadow, after: 0n })).position;
    for (let attempt = 1; ; attempt += 1) {
      const report = await options.sql.transaction(async (tx) => {
        const live = await lockCheckpoint(tx);
        if (live !== replayed) return live;
        const differences = [];
        for (const kind of TABLE_KINDS) {
          const onlyLive = await exceptRows(tx, `${LIVE_TABLES.prefix}${kind}`, `rmv_${kind}`);
          const onlyRebuilt = await exceptRows(tx, `rmv_${kind}`, `${LIVE_TABLES.prefix}${kind}`);
          if (onlyLive.length + onlyRebuilt.length > 0) {
            differences.push({
              table: kind,
              onlyLive: onlyLive.length,
              onlyRebuilt: onlyRebuilt.length,
              examples: [...onlyLive.slice(0, 3), ...onlyRebuilt.slice(0, 3)],
            });
          }
        }
        return { position: live, differences, ok: differences.length === 0 };
      });
      if (typeof report !== 'bigint') return report;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`verify could not meet the live projector in ${MAX_ATTEMPTS} tries`);
      if (report < replayed) {
        throw new Error(
          `the live projection (at ${report}) is behind the store (at ${replayed}): verify after it caught up`,
        );
      }
      replayed = (await replay({ ...options, tables: shadow, after: replayed, until: report })).position;
    }
  } finally {
    await dropGeneration(options.sql, 'rmv_');
  }
}

async function exceptRows(tx: SqlExecutor, a: string, b: string): Promise<unknown[]> {
  const { rows } = await tx.query(`SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}`);
  return rows;
}
