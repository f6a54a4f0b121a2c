/** The store benchmark's tables, targets and JSON line, built on the shared report helpers. */
import { benchJsonLine, ratio, verdict, type ComparisonTable, type Rate, type Target } from '../report';
import type { Throughput } from '../measure';

export interface AppendFigures {
  ours: Throughput;
  raw: Throughput;
  /** `{ skipped }` with the reason when Emmett was not run. */
  emmett: Throughput | { skipped: string };
}

export interface BackendResult {
  key: 'postgres' | 'pglite';
  name: string;
  description: string;
  writers: number;
  appendBatch: AppendFigures;
  appendSingle: AppendFigures;
  readAll: { ours: Throughput; raw: Throughput };
  subscription: { ours: Throughput; raw: Throughput };
}

export const TARGETS = { batchVsRaw: 0.8, singleVsEmmett: 1.5 } as const;

const rate = (t: Throughput | { skipped: string }, unit: string): Rate =>
  'skipped' in t ? { value: null, unit, note: t.skipped } : { value: t.perSecond, unit };

function appendRow(operation: string, figures: AppendFigures): ComparisonTable['rows'][number] {
  return {
    operation,
    subject: { label: 'ours', rate: rate(figures.ours, 'ev/s') },
    references: [
      { label: 'raw ceiling', rate: rate(figures.raw, 'rows/s'), ratioLabel: 'ratio' },
      { label: 'emmett', rate: rate(figures.emmett, 'ev/s'), ratioLabel: 'ours/emmett' },
    ],
  };
}

function readRow(operation: string, figures: { ours: Throughput; raw: Throughput }): ComparisonTable['rows'][number] {
  return {
    operation,
    subject: { label: 'ours', rate: rate(figures.ours, 'ev/s') },
    references: [{ label: 'raw read', rate: rate(figures.raw, 'rows/s'), ratioLabel: 'ratio' }],
  };
}

const seconds = (t: Throughput): string => `${t.count.toLocaleString('en-US')} in ${t.seconds.toFixed(2)} s`;

export function tableFor(result: BackendResult, batchSize: number): ComparisonTable {
  const { appendBatch: b, appendSingle: s } = result;
  const notes = [
    `append x${batchSize}: ours ${seconds(b.ours)}, raw ${seconds(b.raw)}${'skipped' in b.emmett ? '' : `, emmett ${seconds(b.emmett)}`}`,
    `append x1: ours ${seconds(s.ours)}, raw ${seconds(s.raw)}${'skipped' in s.emmett ? '' : `, emmett ${seconds(s.emmett)}`}`,
    `read-all / subscription: batches of 1000; ours ${seconds(result.readAll.ours)} / ${seconds(result.subscription.ours)}, raw read ${seconds(result.readAll.raw)}`,
  ];
  if ('skipped' in b.emmett) notes.push(`emmett: ${b.emmett.skipped}`);
  return {
    title: result.description,
    rows: [
      appendRow(`append x${batchSize}`, b),
      appendRow('append x1', s),
      readRow('read-all', result.readAll),
      readRow('subscription', result.subscription),
    ],
    notes,
  };
}

const perSecondOf = (t: Throughput | { skipped: string }): number | null => ('skipped' in t ? null : t.perSecond);

export function targetsFor(results: readonly BackendResult[], batchSize: number): Target[] {
  return results.flatMap((r) => [
    {
      name: `${r.name} append x${batchSize} >= ${TARGETS.batchVsRaw.toFixed(2)} x raw ceiling`,
      actual: ratio(r.appendBatch.ours.perSecond, r.appendBatch.raw.perSecond),
      min: TARGETS.batchVsRaw,
    },
    ...(r.key === 'postgres'
      ? [
          {
            name: `${r.name} append x1 >= ${TARGETS.singleVsEmmett.toFixed(2)} x emmett`,
            actual: ratio(r.appendSingle.ours.perSecond, perSecondOf(r.appendSingle.emmett)),
            min: TARGETS.singleVsEmmett,
          },
        ]
      : []),
  ]);
}

const round3 = (r: number | null): number | null => (r === null ? null : Number(r.toFixed(3)));

const figure = (t: Throughput | { skipped: string }): Record<string, unknown> =>
  'skipped' in t
    ? { skipped: t.skipped }
    : {
        count: t.count,
        seconds: Number(t.seconds.toFixed(3)),
        perSecond: Math.round(t.perSecond),
        clientCores: Number(t.clientCores.toFixed(2)),
      };

export function jsonLine(
  meta: Record<string, unknown>,
  results: readonly BackendResult[],
  targets: readonly Target[],
): string {
  const backends = Object.fromEntries(
    results.map((r) => [
      r.key,
      {
        writers: r.writers,
        appendBatch: {
          ours: figure(r.appendBatch.ours),
          raw: figure(r.appendBatch.raw),
          emmett: figure(r.appendBatch.emmett),
          ratioRaw: round3(ratio(r.appendBatch.ours.perSecond, r.appendBatch.raw.perSecond)),
          ratioEmmett: round3(ratio(r.appendBatch.ours.perSecond, perSecondOf(r.appendBatch.emmett))),
        },
        appendSingle: {
          ours: figure(r.appendSingle.ours),
          raw: figure(r.appendSingle.raw),
          emmett: figure(r.appendSingle.emmett),
          ratioRaw: round3(ratio(r.appendSingle.ours.perSecond, r.appendSingle.raw.perSecond)),
          ratioEmmett: round3(ratio(r.appendSingle.ours.perSecond, perSecondOf(r.appendSingle.emmett))),
        },
        readAll: {
          ours: figure(r.readAll.ours),
          raw: figure(r.readAll.raw),
          ratioRaw: round3(ratio(r.readAll.ours.perSecond, r.readAll.raw.perSecond)),
        },
        subscription: {
          ours: figure(r.subscription.ours),
          raw: figure(r.subscription.raw),
          ratioRaw: round3(ratio(r.subscription.ours.perSecond, r.subscription.raw.perSecond)),
        },
      },
    ]),
  );
  return benchJsonLine({
    ...meta,
    backends,
    targets: targets.map((t) => ({ name: t.name, min: t.min, actual: round3(t.actual), verdict: verdict(t) })),
  });
}
