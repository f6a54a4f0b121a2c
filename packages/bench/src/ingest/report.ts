/** The ingest benchmark's table, targets and JSON line, built on the shared report helpers. */
import type { Throughput } from '../measure';
import {
  benchJsonLine,
  formatCount,
  ratio,
  type ComparisonRow,
  type ComparisonTable,
  type Rate,
  type Target,
} from '../report';
import type { BackendKey } from './config';
import type { IngestFigures } from './ingest';
import type { PlainAppend } from './plain-append';

export type BackendResult = { key: BackendKey; name: string } & (
  | { outcome: 'measured'; description: string; seconds: number; plain: PlainAppend; ingest: IngestFigures }
  | { outcome: 'SKIP' | 'FAILED'; reason: string }
);

/** From the issue: on Kafka + PostgreSQL, on 2 cores. */
export const TARGETS = { kafkaTouchpointsPerSecond: 5_000, ratioToPlainAppend: 0.5 } as const;

const na = (unit: string, note: string): Rate => ({ value: null, unit, note });

function row(result: BackendResult): ComparisonRow {
  if (result.outcome !== 'measured') {
    return {
      operation: result.name,
      subject: { label: 'ingest', rate: na('tp/s', result.outcome) },
      references: [
        { label: 'plain append', rate: na('ev/s', result.outcome), ratioLabel: 'ratio' },
        { label: 'bus consume-only', rate: na('msg/s', result.outcome), ratioLabel: 'ingest/consume' },
      ],
    };
  }
  const { ingest, plain } = result;
  return {
    operation: `${result.name}${ingest.problems.length > 0 ? ' (WRONG OUTCOME)' : ''}`,
    subject: { label: 'ingest', rate: { value: ingest.ingest.perSecond, unit: 'tp/s' } },
    references: [
      { label: 'plain append', rate: { value: plain.perSecond, unit: 'ev/s' }, ratioLabel: 'ratio' },
      {
        label: 'bus consume-only',
        rate: { value: ingest.consumeOnly.perSecond, unit: 'msg/s' },
        ratioLabel: 'ingest/consume',
      },
    ],
  };
}

const took = (t: Throughput): string => `${t.seconds.toFixed(1)} s, client CPU ${t.clientCores.toFixed(2)} cores`;

/** `readStreams 0.25 (4.1 ms)`: statements of each kind per handler call and their average wait. */
function statementsLine(figures: IngestFigures): string {
  const sizes = [...figures.batchSizes].sort((a, b) => a - b);
  const calls = Math.max(1, sizes.length);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const waited = [...figures.statements.values()].reduce((ms, f) => ms + f.ms, 0);
  const kinds = [...figures.statements]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .map(([kind, f]) => `${kind} ${(f.count / calls).toFixed(2)} (${(f.ms / f.count).toFixed(1)} ms)`);
  return (
    `${formatCount(sizes.length)} handler calls (median ${median}, max ${sizes.at(-1) ?? 0} touchpoints); ` +
    `store + keyring statements per call (average wait): ${kinds.join(', ')}; ` +
    `waiting on them ${((100 * waited) / 1000 / figures.ingest.seconds).toFixed(0)} % of the ingest's wall time`
  );
}

function notesOf(result: BackendResult, touchpoints: number): string[] {
  if (result.outcome !== 'measured') return [`${result.name} ${result.outcome}: ${result.reason}`];
  const { ingest, plain } = result;
  const { totals } = ingest;
  return [
    `${result.description} (row: ${result.seconds.toFixed(0)} s wall time)`,
    `  ingest: ${took(ingest.ingest)} from the instance's start (group joined after ${ingest.joinSeconds.toFixed(2)} s; ` +
      `${formatCount(touchpoints / (ingest.ingest.seconds - ingest.joinSeconds))} tp/s after the join); ` +
      `${formatCount(ingest.eventsStored)} events stored (${(ingest.eventsStored / touchpoints).toFixed(2)} per touchpoint): ` +
      `${formatCount(totals.recorded)} recorded, ${formatCount(totals.customersCreated)} customers created, ` +
      `${totals.merges} merges, ${totals.conflicts} conflicts, ${totals.duplicates} duplicates, ${totals.retries} retries`,
    `  ingest: ${statementsLine(ingest)}`,
    `  plain append: ${took(plain)}; ${formatCount(plain.appendCalls)} appendMany calls; ` +
      `event data ~${Math.round(plain.dataBytes)} B of JSON (sealed TouchpointRecorded)`,
    `  bus: pre-publish ${formatCount(ingest.publish.perSecond)} msg/s in calls of ${formatCount(ingest.publishBatch)} (untimed); ` +
      `consume-only ${took(ingest.consumeOnly)}, redelivered ${ingest.consumeOnly.redelivered}`,
    ingest.problems.length > 0
      ? `  OUTCOME WRONG: ${ingest.problems.join('; ')}`
      : `  outcome verified: each touchpoint recorded once, no person split, no customers glued, ${formatCount(touchpoints)} touchpoints`,
    ...(ingest.profiles.length > 0 ? [`  profiles of the timed ingest: ${ingest.profiles.join(', ')}`] : []),
  ];
}

export function tableFor(
  results: readonly BackendResult[],
  shape: { people: number; touchpoints: number; batchSize: number },
  notes: readonly string[],
): ComparisonTable {
  return {
    title:
      `bench:ingest: ${formatCount(shape.touchpoints)} touchpoints of ${formatCount(shape.people)} persons, ` +
      `bus → identity resolution → event store, one ingestor instance, batches of ${shape.batchSize}`,
    rows: results.map(row),
    notes: [...notes, ...results.flatMap((r) => notesOf(r, shape.touchpoints))],
  };
}

export function targetsFor(results: readonly BackendResult[]): Target[] {
  const kafka = results.find((r) => r.key === 'kafka');
  const measured = kafka?.outcome === 'measured' && kafka.ingest.problems.length === 0 ? kafka : undefined;
  const rate = measured ? measured.ingest.ingest.perSecond : null;
  return [
    {
      name: `Kafka/mock + PostgreSQL: ingest ÷ ${formatCount(TARGETS.kafkaTouchpointsPerSecond)} tp/s ≥ 1.00`,
      actual: ratio(rate, TARGETS.kafkaTouchpointsPerSecond),
      min: 1,
    },
    {
      name: `Kafka/mock + PostgreSQL: ingest ÷ plain append ≥ ${TARGETS.ratioToPlainAppend.toFixed(2)}`,
      actual: measured ? ratio(rate, measured.plain.perSecond) : null,
      min: TARGETS.ratioToPlainAppend,
    },
  ];
}

const figure = (t: Throughput): Record<string, unknown> => ({
  count: t.count,
  seconds: Number(t.seconds.toFixed(3)),
  perSecond: Math.round(t.perSecond),
  clientCores: Number(t.clientCores.toFixed(2)),
});

export function jsonLine(meta: Record<string, unknown>, results: readonly BackendResult[]): string {
  const backends = Object.fromEntries(
    results.map((r) => {
      if (r.outcome !== 'measured') return [r.key, { outcome: r.outcome, reason: r.reason }];
      const { ingest, plain } = r;
      return [
        r.key,
        {
          outcome: ingest.problems.length > 0 ? 'WRONG' : 'measured',
          ingest: { ...figure(ingest.ingest), joinSeconds: Number(ingest.joinSeconds.toFixed(3)) },
          plainAppend: { ...figure(plain), dataBytes: Math.round(plain.dataBytes) },
          consumeOnly: figure(ingest.consumeOnly),
          ratioPlainAppend: Number((ingest.ingest.perSecond / plain.perSecond).toFixed(3)),
          eventsStored: ingest.eventsStored,
          totals: ingest.totals,
          statements: Object.fromEntries(
            [...ingest.statements].map(([kind, f]) => [kind, { count: f.count, ms: Math.round(f.ms) }]),
          ),
          problems: ingest.problems,
        },
      ];
    }),
  );
  return benchJsonLine({ ...meta, backends });
}
