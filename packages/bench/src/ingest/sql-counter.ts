/**
 * A pass-through SQL port that counts statements by kind and sums the time each
 * kind kept its caller waiting: how many round trips an ingest batch makes and
 * how much of the wall time is the database's. Wraps only what the ingestor's
 * store and keyring use, never the bus. Costs a map update per statement.
 */
import type { QueryResult, Sql, SqlExecutor } from '@c360/sql';

/** Statement kinds, first match wins; anything else counts as `other`. */
const KINDS: readonly [string, RegExp][] = [
  ['es_append_many', /es_append_many\(/],
  ['es_append', /es_append\(/],
  ['readAll', /global_position >/],
  ['readStream(s)', /^\s*SELECT[\s\S]*\bes_events\b/],
  ['keyring select', /^\s*SELECT[\s\S]*\bkeyring_keys\b/],
  ['keyring insert', /^\s*INSERT INTO keyring_keys\b/],
];

export interface StatementFigures {
  count: number;
  /** Sum of the time from sending the statement until its result arrived. */
  ms: number;
}

export interface SqlCounter {
  sql: Sql;
  /** Figures since the last `reset`, by statement kind. */
  snapshot(): Map<string, StatementFigures>;
  reset(): void;
}

const kindOf = (text: string): string => KINDS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';

export function countingSql(inner: Sql): SqlCounter {
  let figures = new Map<string, StatementFigures>();
  const kinds = new Map<string, string>();

  const counted = (executor: SqlExecutor): SqlExecutor => ({
    async query<Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      let kind = kinds.get(text);
      if (kind === undefined) kinds.set(text, (kind = kindOf(text)));
      const start = performance.now();
      try {
        return await executor.query<Row>(text, params);
      } finally {
        const entry = figures.get(kind) ?? { count: 0, ms: 0 };
        entry.count += 1;
        entry.ms += performance.now() - start;
        figures.set(kind, entry);
      }
    },
    exec: (script) => executor.exec(script),
  });

  return {
    sql: {
      ...counted(inner),
      kind: inner.kind,
      transaction: (work) => inner.transaction((tx) => work(counted(tx))),
      close: () => inner.close(),
    },
    snapshot: () => new Map([...figures].map(([kind, f]) => [kind, { ...f }])),
    reset: () => void (figures = new Map()),
  };
}
