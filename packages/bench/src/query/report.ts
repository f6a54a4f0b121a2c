/** The query benchmark's tables, targets, failures and JSON line, on the shared report helpers. */
import type { BackendKey } from '../collect/config';
import { ms } from '../collect/report';
import {
  benchJsonLine,
  formatCount,
  ratio,
  type ComparisonRow,
  type ComparisonTable,
  type Rate,
  type Target,
} from '../report';
import { caseName, type CaseRun, type LoadCase, type Operation } from './case';
import type { QueryBenchConfig } from './config';
import { requestsPerSecond, type GetResult } from './load-job';
import type { ProjectionRun, RebuildRun } from './projection';
import { perUnit } from '../sql-counter';

export interface CaseResult {
  load: Pick<LoadCase, 'operation' | 'target' | 'role'>;
  run: CaseRun;
}

export interface SeedSummary {
  profiles: number;
  touchpoints: number;
  events: number;
  byType: Record<string, number>;
  avgDataBytes: number;
  seconds: number;
  perSecond: number;
}

export interface BackendResult {
  key: BackendKey;
  description: string;
  seed: SeedSummary;
  projection: ProjectionRun;
  cases: CaseResult[];
  /** What the API logged: unexpected errors, 500s and 503s. */
  logged: unknown[];
  /** Wall time per phase, seconds. */
  phases: Record<string, number>;
}

export const TARGETS = { p99Ms: 5, byIdPerSecond: 5_000, rebuildPerSecond: 30_000 };

const ROLES = ['reader', 'pii_reader'] as const;
const OPERATIONS: Operation[] = ['by id', 'lookup'];

function find(result: BackendResult, operation: Operation, target: string, role?: string): CaseResult | undefined {
  return result.cases.find(
    (c) => c.load.operation === operation && c.load.target === target && (role === undefined || c.load.role === role),
  );
}

const reqs = (r: GetResult | undefined): Rate => ({ value: r ? requestsPerSecond(r) : null, unit: 'req/s' });
const micros = (r: GetResult | undefined, p: 'p50' | 'p99'): Rate => ({
  value: r ? r.latency[p] * 1000 : null,
  unit: 'µs',
});

function loadRows(result: BackendResult, operation: Operation, role: (typeof ROLES)[number]): ComparisonRow[] {
  const ours = find(result, operation, 'ours', role)?.run.main;
  const raw = find(result, operation, 'raw')?.run.main;
  const logged = find(result, operation, 'raw+log')?.run.main;
  const row = (what: string, pick: (r: GetResult | undefined) => Rate, ratioLabel: string): ComparisonRow => ({
    operation: `${operation} (${role}) ${what}`,
    subject: { label: 'ours', rate: pick(ours) },
    references: [
      { label: 'raw SELECT', rate: pick(raw), ratioLabel },
      { label: 'raw + log INSERT', rate: pick(logged), ratioLabel },
    ],
  });
  return [
    row('throughput', reqs, 'ours/raw'),
    row('p50', (r) => micros(r, 'p50'), 'ours/raw'),
    row('p99', (r) => micros(r, 'p99'), 'ours/raw'),
  ];
}

const cores = (n: number | null): string => (n === null ? '?' : n.toFixed(2));

function caseNote(c: CaseResult): string {
  const r = c.run.main;
  const answers = r.non2xx === 0 && r.errors === 0 ? 'all 2xx' : `${r.non2xx} non-2xx, ${r.errors} errors`;
  const requests = r.ok + r.non2xx;
  return (
    `${caseName(c.load)}: ${formatCount(requests)} requests in ${r.seconds.toFixed(2)} s (${answers}), ` +
    `p50 ${ms(r.latency.p50)} / p99 ${ms(r.latency.p99)} / max ${ms(r.latency.max)} ms, ~${formatCount(r.avgResponseBytes)} B a response; ` +
    `cores: server ${cores(c.run.serverCores)}, load generator ${cores(r.clientCores)}, machine ${cores(c.run.machineCores)}; ` +
    `SQL per request: ${perUnit(c.run.statements, requests)}`
  );
}

/** What writing the access-log row costs the raw endpoint, per operation. */
function accessLogNote(result: BackendResult, operation: Operation): string | null {
  const raw = find(result, operation, 'raw')?.run.main;
  const logged = find(result, operation, 'raw+log')?.run.main;
  if (!raw || !logged) return null;
  const rateShare = ratio(requestsPerSecond(logged), requestsPerSecond(raw));
  return (
    `access log, ${operation}: one INSERT into api_access_log after the raw SELECT takes the raw endpoint from ` +
    `${formatCount(requestsPerSecond(raw))} to ${formatCount(requestsPerSecond(logged))} req/s (×${rateShare?.toFixed(2) ?? '—'}), ` +
    `p50 ${ms(raw.latency.p50)} → ${ms(logged.latency.p50)} ms, p99 ${ms(raw.latency.p99)} → ${ms(logged.latency.p99)} ms`
  );
}

function projectionNotes(result: BackendResult): string[] {
  const p = result.projection;
  const s = result.seed;
  const types = Object.entries(s.byType)
    .map(([type, n]) => `${formatCount(n)} ${type}`)
    .join(', ');
  const rebuildNote = (label: string, run: RebuildRun): string =>
    `rebuild, ${label}: ${formatCount(run.rate.count)} events in ${run.rate.seconds.toFixed(1)} s, ${run.batches} batches; ` +
    `SQL per batch: ${perUnit(run.statements, run.batches)}`;
  return [
    `data: ${formatCount(s.profiles)} customers from ${formatCount(s.touchpoints)} touchpoints = ${formatCount(s.events)} events (${types}), ` +
      `~${formatCount(s.avgDataBytes)} B of data an event; seeded (decide, seal, appendMany) in ${s.seconds.toFixed(1)} s, ${formatCount(s.perSecond)} ev/s`,
    `raw read-all: ${formatCount(p.readAll.count)} events in ${p.readAll.seconds.toFixed(1)} s; live tables after the rebuild: ` +
      `${formatCount(p.rows.profiles)} profiles, ${formatCount(p.rows.identifiers)} identifiers, ${formatCount(p.rows.contacts)} contacts`,
    rebuildNote('keys cold (a fresh keyring, cache 100,000 as the platform opens it)', p.cold),
    rebuildNote('keys loaded (every key cached before the clock starts)', p.keysLoaded),
  ];
}

export function tableFor(result: BackendResult, config: QueryBenchConfig): ComparisonTable {
  const rows = OPERATIONS.flatMap((op) => ROLES.flatMap((role) => loadRows(result, op, role)));
  const p = result.projection;
  for (const [label, run] of [
    ['keys cold', p.cold],
    ['keys loaded', p.keysLoaded],
  ] as const) {
    rows.push({
      operation: `projection rebuild (${label})`,
      subject: {
        label: 'ours',
        rate: { value: run.rate.perSecond, unit: 'ev/s' },
      },
      references: [{ label: 'raw read-all', rate: { value: p.readAll.perSecond, unit: 'ev/s' }, ratioLabel: 'ratio' }],
    });
  }
  const phases = Object.entries(result.phases)
    .map(([phase, seconds]) => `${phase} ${seconds.toFixed(0)} s`)
    .join(', ');
  return {
    title: `${result.description} — ${formatCount(result.seed.profiles)} profiles, ${config.connections} connections, ~${config.durationSeconds} s per run`,
    rows,
    notes: [
      ...projectionNotes(result),
      ...OPERATIONS.map((op) => accessLogNote(result, op)).filter((n): n is string => n !== null),
      ...result.cases.map(caseNote),
      `wall time: ${phases}`,
    ],
  };
}

/** Targets as headroom (measured ÷ target, or target ÷ measured for latency): ≥ 1.00 passes. */
export function targetsFor(result: BackendResult): Target[] {
  const name = result.key === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const targets: Target[] = [];
  for (const op of OPERATIONS) {
    for (const role of ROLES) {
      const r = find(result, op, 'ours', role)?.run.main;
      const p99 = r?.latency.p99 ?? null;
      targets.push({
        name: `${name} ${op} (${role}) p99 ${p99 === null ? '?' : ms(p99)} ms ≤ ${TARGETS.p99Ms} ms`,
        actual: p99 === null || p99 <= 0 ? null : TARGETS.p99Ms / p99,
        min: 1,
      });
      if (op === 'by id') {
        const rate = r ? requestsPerSecond(r) : null;
        targets.push({
          name: `${name} by id (${role}) ${rate === null ? '?' : formatCount(rate)} req/s ≥ ${formatCount(TARGETS.byIdPerSecond)}`,
          actual: rate === null ? null : rate / TARGETS.byIdPerSecond,
          min: 1,
        });
      }
    }
  }
  const rebuild = result.projection.cold.rate.perSecond;
  targets.push({
    name: `${name} projection rebuild (keys cold) ${formatCount(rebuild)} ev/s ≥ ${formatCount(TARGETS.rebuildPerSecond)}`,
    actual: rebuild / TARGETS.rebuildPerSecond,
    min: 1,
  });
  return targets;
}

/** Everything that makes the run fail, one line each: non-2xx answers, failed requests, what the API logged. */
export function problems(result: BackendResult): string[] {
  const out: string[] = [];
  for (const c of result.cases) {
    const runs = [c.run.warmup, c.run.main];
    const non2xx = runs.reduce((sum, r) => sum + r.non2xx, 0);
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    if (non2xx + errors > 0) {
      const first = runs.find((r) => r.firstFailure)?.firstFailure;
      out.push(
        `${result.key} ${caseName(c.load)}: ${formatCount(non2xx)} non-2xx, ${formatCount(errors)} failed requests ` +
          `(statuses ${JSON.stringify(runs.map((r) => r.statuses))})${first ? `; first: ${first.status} ${first.body}` : ''}`,
      );
    }
  }
  if (result.logged.length > 0) {
    out.push(`${result.key}: the API logged ${result.logged.length} error(s); first: ${String(result.logged[0])}`);
  }
  return out;
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

function figure(c: CaseResult): Record<string, unknown> {
  const r = c.run.main;
  const requests = r.ok + r.non2xx;
  return {
    requests,
    non2xx: r.non2xx,
    errors: r.errors,
    seconds: round(r.seconds, 3),
    requestsPerSecond: Math.round(requestsPerSecond(r)),
    latencyMs: { p50: round(r.latency.p50, 3), p99: round(r.latency.p99, 3), mean: round(r.latency.mean, 3) },
    avgResponseBytes: Math.round(r.avgResponseBytes),
    serverCores: round(c.run.serverCores, 2),
    clientCores: round(r.clientCores, 2),
    machineCores: c.run.machineCores === null ? null : round(c.run.machineCores, 2),
    sqlPerRequest: Object.fromEntries(
      [...c.run.statements].map(([kind, f]) => [
        kind,
        { count: round(f.count / Math.max(requests, 1), 3), ms: round(f.ms / f.count, 3) },
      ]),
    ),
  };
}

function rebuildFigure(run: RebuildRun, readAll: number): Record<string, unknown> {
  return {
    perSecond: Math.round(run.rate.perSecond),
    ratio: ratio(run.rate.perSecond, readAll),
    seconds: round(run.rate.seconds, 1),
    batches: run.batches,
    sqlPerBatch: Object.fromEntries(
      [...run.statements].map(([kind, f]) => [
        kind,
        { count: round(f.count / run.batches, 2), ms: round(f.ms / f.count, 3) },
      ]),
    ),
  };
}

export function jsonLine(
  meta: Record<string, unknown>,
  results: readonly BackendResult[],
  targets: readonly Target[],
): string {
  return benchJsonLine({
    ...meta,
    backends: Object.fromEntries(
      results.map((b) => [
        b.key,
        {
          seed: { ...b.seed, seconds: round(b.seed.seconds, 1), perSecond: Math.round(b.seed.perSecond) },
          projection: {
            readAllPerSecond: Math.round(b.projection.readAll.perSecond),
            rebuildKeysCold: rebuildFigure(b.projection.cold, b.projection.readAll.perSecond),
            rebuildKeysLoaded: rebuildFigure(b.projection.keysLoaded, b.projection.readAll.perSecond),
          },
          cases: Object.fromEntries(b.cases.map((c) => [caseName(c.load), figure(c)])),
          phases: Object.fromEntries(Object.entries(b.phases).map(([k, v]) => [k, round(v, 1)])),
        },
      ]),
    ),
    targets: targets.map((t) => ({ name: t.name, actual: t.actual === null ? null : round(t.actual, 3), min: t.min })),
  });
}
