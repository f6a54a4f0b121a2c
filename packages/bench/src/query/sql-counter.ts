/**
 * A pass-through SQL port that counts statements by kind and sums the time each
 * kind kept its caller waiting (send to result): how many round trips a request or
 * a projection batch makes, and where its wall time goes. Costs a map update per
 * statement; the API and the raw endpoints both go through it, so both pay it.
 */
import type { QueryResult, Sql, SqlExecutor } from '@c360/sql';

/** Statement kinds of the query API, the raw endpoints and the projection; first match wins. */
const KINDS: readonly [string, RegExp][] = [
  ['token verify (api_tokens)', /\bFROM api_tokens\b/],
  ['resolve live (merge chain)', /WITH RECURSIVE chain/],
  ['members (rm_merges)', /WITH RECURSIVE members/],
  ['profile row (rm_profiles by key)', /^\s*SELECT [\s\S]*\bFROM rm_profiles WHERE customer_id = \$1/],
  ['identifiers of owner', /\bFROM rm_identifiers WHERE owner_id\b/],
  ['contact facts of owner', /\bFROM rm_contact_history WHERE owner_id\b/],
  ['owner of identifier', /\bFROM rm_identifiers WHERE type = \$1 AND hash = \$2/],
  ['raw lookup join', /\bFROM rm_identifiers i JOIN rm_profiles\b/],
  ['access log insert', /^\s*INSERT INTO api_access_log\b/],
  ['readAll', /\bglobal_position > \$1/],
  ['keyring keys select', /^\s*SELECT[\s\S]*\bkeyring_keys\b/],
  ['keyring keys insert', /^\s*INSERT INTO keyring_keys\b/],
  ['read models: owners', /^\s*SELECT customer_id, merged_into FROM \w+profiles WHERE customer_id = ANY/],
  ['read models: insert', /^\s*INSERT INTO rm\w*_/],
  ['read models: refresh select', /jsonb_agg\(fact ORDER BY/],
  ['read models: refresh update', /^\s*UPDATE \w+profiles p\b/],
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

/** `kind ×1.00 (0.31 ms)` per kind, most frequent first: statements and waiting time per unit of work. */
export function perUnit(figures: ReadonlyMap<string, StatementFigures>, units: number): string {
  if (units <= 0) return '—';
  return [...figures]
    .sort(([, a], [, b]) => b.count - a.count)
    .map(([kind, f]) => `${kind} ×${(f.count / units).toFixed(2)} (${(f.ms / f.count).toFixed(2)} ms)`)
    .join(', ');
}
