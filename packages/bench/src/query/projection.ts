/**
 * The projection's rate next to its ceiling: `rebuildProjection` from position 0
 * over every seeded event (fresh rmx_* tables, swapped in at the end: the live
 * tables the API then serves), against paging the same events with `readAll` and
 * doing nothing else.
 *
 * The rebuild opens every event with the keyring. It runs twice: with a keyring
 * whose key cache starts cold (as after a restart, with the cache size the
 * platform opens it with),
 * and with one that holds every customer's key before the clock starts: the
 * difference is what fetching each page's keys (one query per page, before its
 * transaction) costs.
 */
import { getPostgresEventStore } from '@c360/event-store-postgres';
import { openKeyring } from '@c360/keyring';
import { rebuildProjection } from '@c360/projector';
import type { Sql } from '@c360/sql';
import { throughput, timed, type Throughput } from '../measure';
import { readAllThrough } from '../store/ours';
import type { StatementFigures, SqlCounter } from '../sql-counter';

export interface RebuildRun {
  rate: Throughput;
  /** `readAll` pages the rebuild applied, one transaction each. */
  batches: number;
  /** What the rebuild sent, by statement kind. */
  statements: Map<string, StatementFigures>;
}

export interface ProjectionRun {
  readAll: Throughput;
  /** Keyring cache cold at the start. */
  cold: RebuildRun;
  /** Every key in the keyring's cache before the start. */
  keysLoaded: RebuildRun;
  /** Rows of the live tables after the last swap. */
  rows: { profiles: number; identifiers: number; contacts: number };
}

/** The keyring cache size services/platform opens the keyring with. */
const PLATFORM_KEY_CACHE = 100_000;

interface Options {
  sql: Sql;
  counter: SqlCounter;
  masterKey: Buffer;
  customerIds: readonly string[];
  events: number;
  batchSize: number;
  /** Flushes what the previous phase wrote (CHECKPOINT on a server). */
  settle: () => Promise<void>;
  progress?: (line: string) => void;
}

async function rebuild(options: Options, keys: 'cold' | 'loaded'): Promise<RebuildRun> {
  const { counter, batchSize } = options;
  await options.settle();
  const sealer = await openKeyring({
    sql: counter.sql,
    masterKey: options.masterKey,
    cacheSize: keys === 'loaded' ? options.customerIds.length + 1 : PLATFORM_KEY_CACHE,
  });
  if (keys === 'loaded') await sealer.ensureKeys(options.customerIds);
  let events = 0;
  let batches = 0;
  const every = Math.max(1, Math.round(options.events / batchSize / 5));
  counter.reset();
  const run = await timed(() =>
    rebuildProjection({
      store: getPostgresEventStore(counter.sql),
      sql: counter.sql,
      sealer,
      batchSize,
      onProgress: (p) => {
        events = p.events;
        batches += 1;
        if (batches % every === 0)
          options.progress?.(`  rebuild (keys ${keys}): ${p.events} of ${options.events} events`);
      },
    }),
  );
  if (events !== options.events) throw new Error(`the rebuild replayed ${events} events of ${options.events}`);
  return { rate: throughput(events, run), batches, statements: counter.snapshot() };
}

export async function timeProjection(options: Options): Promise<ProjectionRun> {
  const { sql } = options;
  await options.settle();
  // Also waits until every seeded event is visible to read-all (an open transaction elsewhere holds it back).
  const readAll = await readAllThrough(getPostgresEventStore(sql), options.events, options.batchSize);
  const cold = await rebuild(options, 'cold');
  const keysLoaded = await rebuild(options, 'loaded');
  const { rows } = await sql.query<{ profiles: number; identifiers: number; contacts: number }>(
    `SELECT (SELECT count(*)::int FROM rm_profiles) AS profiles, (SELECT count(*)::int FROM rm_identifiers) AS identifiers,
            (SELECT count(*)::int FROM rm_contact_history) AS contacts`,
  );
  return { readAll, cold, keysLoaded, rows: rows[0]! };
}
