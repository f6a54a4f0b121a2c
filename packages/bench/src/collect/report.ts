/** The collect benchmark's verification, tables and JSON line, on the shared report helpers. */
import { benchJsonLine, formatCount, ratio, type ComparisonRow, type ComparisonTable, type Rate } from '../report';
import { requestsPerSecond, type BusCounts, type TargetRun } from './case';
import type { BackendKey, CollectBenchConfig } from './config';
import type { LoadResult } from './load-job';

export interface CaseResult {
  backend: BackendKey;
  events: number;
  ours: TargetRun;
  ceiling: TargetRun;
  bus: BusCounts;
}

export interface BackendResult {
  key: BackendKey;
  description: string;
  cases: CaseResult[];
  /** What the collector logged: unexpected errors and every 5xx. */
  logged: unknown[];
}

/** Touchpoints on the bus against the calls of every 2xx answer: main run, and warm-up. */
export function verification(c: CaseResult) {
  const main = { expected: c.ours.main.ok * c.events, stored: c.bus.afterMain - c.bus.beforeMain };
  const warmupOk = c.ours.warmups.reduce((sum, r) => sum + r.ok, 0);
  const warmup = { expected: warmupOk * c.events, stored: c.bus.beforeMain - c.bus.beforeWarmups };
  return { main, warmup, ok: main.expected === main.stored && warmup.expected === warmup.stored };
}

const unanswered = (runs: readonly LoadResult[]) => ({
  non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  errors: runs.reduce((sum, r) => sum + r.errors, 0),
  statuses: runs.map((r) => r.statuses),
  firstFailure: runs.find((r) => r.firstFailure)?.firstFailure,
});

/** Everything that makes the run fail, one line each: non-2xx, errors, a bus that does not add up. */
export function problems(result: BackendResult): string[] {
  const out: string[] = [];
  for (const c of result.cases) {
    const where = `${result.key} x${c.events}`;
    for (const [label, run] of [
      ['OUR ENDPOINT', c.ours],
      ['the ceiling', c.ceiling],
    ] as const) {
      const bad = unanswered([...run.warmups, run.main]);
      if (bad.non2xx > 0 || bad.errors > 0) {
        const failure = bad.firstFailure ? `; first: ${bad.firstFailure.status} ${bad.firstFailure.body}` : '';
        out.push(
          `${where}: ${label} answered ${formatCount(bad.non2xx)} non-2xx and ${formatCount(bad.errors)} requests failed ` +
            `(statuses per run ${JSON.stringify(bad.statuses)})${failure}`,
        );
      }
    }
    const check = verification(c);
    if (!check.ok) {
      out.push(
        `${where}: BUS MISMATCH — main run ${formatCount(check.main.stored)} touchpoints stored vs ${formatCount(check.main.expected)} accepted; ` +
          `warm-up ${formatCount(check.warmup.stored)} vs ${formatCount(check.warmup.expected)}`,
      );
    }
  }
  if (result.logged.length > 0) {
    out.push(
      `${result.key}: the collector logged ${result.logged.length} error(s); first: ${String(result.logged[0])}`,
    );
  }
  return out;
}

const perSecond = (r: LoadResult, perRequest: number, unit: string): Rate => ({
  value: requestsPerSecond(r) * perRequest,
  unit,
});

function rows(c: CaseResult): ComparisonRow[] {
  return [
    {
      operation: `batch x${c.events}: requests`,
      subject: { label: 'ours', rate: perSecond(c.ours.main, 1, 'req/s') },
      references: [{ label: 'express ceiling', rate: perSecond(c.ceiling.main, 1, 'req/s'), ratioLabel: 'ratio' }],
    },
    {
      operation: `batch x${c.events}: events`,
      subject: { label: 'ours', rate: perSecond(c.ours.main, c.events, 'ev/s') },
      references: [
        { label: 'express ceiling', rate: perSecond(c.ceiling.main, c.events, 'ev/s'), ratioLabel: 'ratio' },
      ],
    },
  ];
}

export const ms = (n: number): string => (n < 10 ? n.toFixed(1) : formatCount(n));
const cores = (n: number | null): string => (n === null ? '?' : n.toFixed(2));

function runNote(run: TargetRun): string {
  const r = run.main;
  const answers = r.non2xx === 0 && r.errors === 0 ? 'all 2xx' : `${r.non2xx} non-2xx, ${r.errors} errors`;
  return `${formatCount(r.ok + r.non2xx)} requests in ${r.seconds.toFixed(2)} s (${r.rounds > 1 ? `${r.rounds} rounds, ` : ''}${answers}), latency p50 ${ms(r.latency.p50)} / p99 ${ms(r.latency.p99)} ms`;
}

function notes(c: CaseResult): string[] {
  const check = verification(c);
  const mark = (x: { expected: number; stored: number }) => (x.expected === x.stored ? 'OK' : 'MISMATCH');
  const body = c.ours.main;
  return [
    `x${c.events}: ours ${runNote(c.ours)}; ceiling ${runNote(c.ceiling)}; body ~${formatCount(body.avgBodyBytes / 1024)} KB, largest call ${formatCount(body.maxCallBytes)} B`,
    `x${c.events}: bus ${formatCount(check.main.stored)} touchpoints stored, ${formatCount(c.ours.main.ok)} x ${c.events} = ${formatCount(check.main.expected)} accepted: ${mark(check.main)}` +
      ` (warm-up: ${formatCount(check.warmup.stored)} of ${formatCount(check.warmup.expected)}: ${mark(check.warmup)})`,
    `x${c.events}: CPU cores — ours: server ${cores(c.ours.serverCores)}, load generator ${cores(c.ours.main.clientCores)}, machine ${cores(c.ours.machineCores)}; ` +
      `ceiling: server ${cores(c.ceiling.serverCores)}, load generator ${cores(c.ceiling.main.clientCores)}, machine ${cores(c.ceiling.machineCores)}`,
  ];
}

export function tableFor(result: BackendResult, config: CollectBenchConfig): ComparisonTable {
  return {
    title: `${result.description} — ${config.connections} connections, ~${config.durationSeconds} s per run`,
    rows: result.cases.flatMap(rows),
    notes: result.cases.flatMap(notes),
  };
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));
const roundOrNull = (r: number | null): number | null => (r === null ? null : round(r, 3));

function figure(run: TargetRun): Record<string, unknown> {
  const r = run.main;
  return {
    requests: r.ok + r.non2xx,
    ok: r.ok,
    non2xx: r.non2xx,
    errors: r.errors,
    seconds: round(r.seconds, 3),
    requestsPerSecond: Math.round(requestsPerSecond(r)),
    eventsPerSecond: Math.round(requestsPerSecond(r) * run.events),
    latencyMs: { p50: round(r.latency.p50, 2), p99: round(r.latency.p99, 2), mean: round(r.latency.mean, 2) },
    serverCores: round(run.serverCores, 2),
    clientCores: round(r.clientCores, 2),
    machineCores: run.machineCores === null ? null : round(run.machineCores, 2),
  };
}

export function jsonLine(meta: Record<string, unknown>, results: readonly BackendResult[]): string {
  return benchJsonLine({
    ...meta,
    backends: Object.fromEntries(
      results.map((b) => [
        b.key,
        Object.fromEntries(
          b.cases.map((c) => {
            const check = verification(c);
            return [
              `x${c.events}`,
              {
                ours: figure(c.ours),
                ceiling: figure(c.ceiling),
                ratio: roundOrNull(ratio(requestsPerSecond(c.ours.main), requestsPerSecond(c.ceiling.main))),
                bus: { stored: check.main.stored, expected: check.main.expected, ok: check.ok },
                avgBodyBytes: Math.round(c.ours.main.avgBodyBytes),
              },
            ];
          }),
        ),
      ]),
    ),
  });
}
