/**
 * The competitor: Emmett's PostgreSQL event store, appending the same events with
 * the same writers and the same pool size. Emmett creates its own tables (`emt_*`)
 * and has no schema option, so it gets a throwaway database, dropped afterwards.
 *
 * Emmett's driver layer (dumbo) replaces node-postgres' global int8/json/jsonb
 * parsers when its store is created; they are put back right after, so our own
 * pool (which falls back to the global parsers for json/jsonb) measures the same
 * thing whether Emmett ran or not. Emmett's appends read no json and convert the
 * int8 values they get with `BigInt(…)`, so they do not depend on its parsers.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runLanes, throughput, timed, type Throughput } from '../measure';
import { lanesOf, type Workload } from './workload';

export interface EmmettBench {
  database: string;
  append(workload: Workload, writers: number): Promise<Throughput>;
  /** CHECKPOINT, as before our own phases. */
  settle(): Promise<void>;
  /** Closes the pool and drops the database. */
  dispose(): Promise<void>;
}

/** int8, json, jsonb: the node-postgres parsers dumbo overrides globally. */
const GLOBAL_PARSERS = [20, 114, 3802];

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates `c360_bench_<random>`, Emmett's schema in it, and a pool of `max` warm connections. */
export async function openEmmett(connectionString: string, max: number): Promise<EmmettBench> {
  const database = `c360_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const url = withDatabase(connectionString, database);
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'c360-bench-emmett' });
  pool.on('error', () => undefined);
  let closeStore = async (): Promise<void> => undefined;
  const dispose = async (): Promise<void> => {
    await closeStore().catch(() => undefined);
    await pool.end().catch(() => undefined);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };

  try {
    const saved = GLOBAL_PARSERS.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')] as const);
    const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
    const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
    closeStore = () => store.close();
    await store.schema.migrate();
    for (const [oid, parser] of saved) pg.types.setTypeParser(oid, 'text', parser);
    await Promise.all(Array.from({ length: max }, () => pool.query('SELECT 1')));

    return {
      database,
      async append(workload, writers) {
        // Emmett's event shape: { type, data, metadata }; it adds its own message id.
        const appends = workload.appends.map((append) => ({
          stream: append.stream,
          streamId: append.streamId,
          events: append.events.map((e) => ({
            type: e.type,
            data: e.data as Record<string, unknown>,
            metadata: { ...e.metadata },
          })),
        }));
        const run = await timed(() =>
          runLanes(lanesOf(appends, writers), async (append) => {
            await store.appendToStream(append.streamId, append.events);
          }),
        );
        return throughput(workload.events, run);
      },
      async settle() {
        await pool.query('CHECKPOINT');
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
