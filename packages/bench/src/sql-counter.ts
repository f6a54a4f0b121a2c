import type { QueryResult, Sql, SqlExecutor } from '@c360/sql';

/**
 * Counts the statements a benchmark's SQL port runs, by kind, and how long each
 * kind kept its caller waiting (send to result): round trips per unit of work and
 * where the wall time goes. Costs a map update per statement.
 */
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

/** Statement kinds, first match wins; anything else counts as `other`. */
export type StatementKinds = readonly (readonly [string, RegExp])[];

export function countingSql(inner: Sql, statementKinds: StatementKinds): SqlCounter {
  const kindOf = (text: string): string => statementKinds.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
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

/** `kind ×1.00 (0.31 ms)` per kind, most frequent first: statements and waiting time per unit of work. */
export function perUnit(figures: ReadonlyMap<string, StatementFigures>, units: number): string {
  if (units <= 0) return '—';
  return [...figures]
    .sort(([, a], [, b]) => b.count - a.count)
    .map(([kind, f]) => `${kind} ×${(f.count / units).toFixed(2)} (${(f.ms / f.count).toFixed(2)} ms)`)
    .join(', ');
}
