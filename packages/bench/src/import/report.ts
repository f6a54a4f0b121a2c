/** The import benchmark's verification, tables, memory figures and JSON line, on the shared report helpers. */
import type { Throughput } from '../measure';
import { benchJsonLine, formatCount, ratio, type ComparisonRow, type ComparisonTable, type Rate } from '../report';
import type { BackendKey } from './config';
import type { CsvKind } from './files';
import type { WithoutHttp } from './no-http';
import type { Watched } from './server-job';
import type { Answer } from './upload';
import { TOPICS } from '../collect/ours';

export interface CaseResult {
  kind: CsvKind;
  path: string;
  bytes: number;
  rows: number;
  /** Touchpoints the file yields. */
  touchpoints: number;
  ours: {
    /** `count` is the file's rows. */
    run: Throughput;
    answer: Answer;
    /** Messages the import added to the touchpoint topic (and distinct touchpoint ids) and to the quarantine topic. */
    bus: { touchpoints: number; distinct: number; quarantined: number };
    memory: Watched;
    /** Busy cores of the whole machine meanwhile (null off Linux). */
    machineCores: number | null;
  };
  ceiling: { run: Throughput; rows: number };
  withoutHttp: { run: Throughput; result: WithoutHttp };
}

export interface BackendResult {
  key: BackendKey;
  description: string;
  cases: CaseResult[];
  /** What the collector logged: unexpected errors and every 5xx. */
  logged: string[];
}

const FILES: Record<CsvKind, string> = { calls: 'calls.csv', receipts: 'receipts.csv' };
export const MB = (bytes: number): string => (bytes / 1e6).toFixed(1);
const signedMB = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${MB(Math.abs(bytes))}`;
const summaryOf = (c: CaseResult) => (c.ours.answer.last?.type === 'summary' ? c.ours.answer.last : null);

/** The bus gained exactly the file's touchpoints, each once, and nothing in quarantine. */
const busOk = (c: CaseResult): boolean =>
  c.ours.bus.touchpoints === c.touchpoints && c.ours.bus.distinct === c.touchpoints && c.ours.bus.quarantined === 0;

/** What is wrong with one import: an answer other than the expected summary, a bus or a reference that does not add up. */
function caseProblems(c: CaseResult): string[] {
  const out: string[] = [];
  const summary = summaryOf(c);
  if (c.ours.answer.status !== 200 || !summary) {
    out.push(`OUR ENDPOINT answered ${c.ours.answer.status}: ${c.ours.answer.text}`);
  } else if (summary.rows !== c.rows || summary.accepted !== c.touchpoints || summary.quarantined !== 0) {
    out.push(
      `the import's summary says ${String(summary.rows)} rows, ${String(summary.accepted)} accepted, ` +
        `${String(summary.quarantined)} quarantined; expected ${c.rows}, ${c.touchpoints}, 0`,
    );
  }
  if (!busOk(c)) {
    out.push(
      `BUS MISMATCH — ${formatCount(c.ours.bus.touchpoints)} touchpoints (${formatCount(c.ours.bus.distinct)} distinct) and ` +
        `${formatCount(c.ours.bus.quarantined)} quarantine records added; expected ${formatCount(c.touchpoints)} and 0`,
    );
  }
  if (c.ceiling.rows !== c.rows) out.push(`csv-parse read ${c.ceiling.rows} rows of ${c.rows}`);
  const w = c.withoutHttp.result;
  if (w.accepted !== c.touchpoints || w.quarantined !== 0 || (w.published[TOPICS.touchpoints] ?? 0) !== c.touchpoints) {
    out.push(
      `the import without HTTP accepted ${w.accepted} and quarantined ${w.quarantined} ` +
        `(published ${JSON.stringify(w.published)}); expected ${c.touchpoints} and 0`,
    );
  }
  return out;
}

/** Everything that makes the run fail, one line each. */
export function problems(result: BackendResult): string[] {
  const out = result.cases.flatMap((c) => caseProblems(c).map((p) => `${result.key} ${FILES[c.kind]}: ${p}`));
  if (result.logged.length > 0) {
    out.push(`${result.key}: the collector logged ${result.logged.length} error(s); first: ${result.logged[0]}`);
  }
  return out;
}

const rowsPerSecond = (t: Throughput): Rate => ({ value: t.perSecond, unit: 'rows/s' });

function row(c: CaseResult): ComparisonRow {
  const receipts = c.kind === 'receipts' ? ` (${formatCount(c.touchpoints)} receipts)` : '';
  return {
    operation: `${FILES[c.kind]} ${formatCount(c.rows)} rows${receipts}`,
    subject: { label: 'ours', rate: rowsPerSecond(c.ours.run) },
    references: [
      { label: 'csv-parse ceiling', rate: rowsPerSecond(c.ceiling.run), ratioLabel: 'ratio' },
      { label: 'import w/o HTTP+bus', rate: rowsPerSecond(c.withoutHttp.run), ratioLabel: 'ours/no-HTTP' },
    ],
  };
}

/** Peak heap growth (garbage not yet collected included) over the file's size. */
export const heapPerFile = (c: CaseResult): number =>
  (c.ours.memory.peak.heapUsed - c.ours.memory.baseline.heapUsed) / c.bytes;

function notes(c: CaseResult): string[] {
  const file = FILES[c.kind];
  const summary = summaryOf(c);
  const m = c.ours.memory;
  const w = c.withoutHttp;
  return [
    `${file}: ${MB(c.bytes)} MB, ${formatCount(c.rows)} rows → ${formatCount(c.touchpoints)} touchpoints; ours ${c.ours.run.seconds.toFixed(2)} s ` +
      `(${(c.bytes / 1e6 / c.ours.run.seconds).toFixed(1)} MB/s, ${formatCount(c.touchpoints / c.ours.run.seconds)} touchpoints/s), ` +
      `answer ${c.ours.answer.status} with ${c.ours.answer.progressLines} progress lines, summary ${summary ? `${formatCount(Number(summary.accepted))} accepted, ${formatCount(Number(summary.quarantined))} quarantined` : 'missing'}; ` +
      `bus +${formatCount(c.ours.bus.touchpoints)} touchpoints (${formatCount(c.ours.bus.distinct)} distinct ids), +${formatCount(c.ours.bus.quarantined)} quarantined: ${busOk(c) ? 'OK' : 'MISMATCH'}`,
    `${file}: CPU cores — server ${(m.cpuSeconds / m.seconds).toFixed(2)}, client ${c.ours.run.clientCores.toFixed(2)}, machine ${c.ours.machineCores?.toFixed(2) ?? '?'}; ` +
      `csv-parse ${c.ceiling.run.seconds.toFixed(2)} s; w/o HTTP+bus ${w.run.seconds.toFixed(2)} s (${formatCount(w.result.accepted)} touchpoints, ${MB(w.result.encodedBytes)} MB of Avro)`,
  ];
}

export function tableFor(result: BackendResult): ComparisonTable {
  return {
    title: `${result.description} — streamed CSV imports over HTTP, rows/s`,
    rows: result.cases.map(row),
    notes: result.cases.flatMap(notes),
  };
}

/** Peak heap and RSS growth of the server process against each file's size, one line per import. */
export function renderMemory(results: readonly BackendResult[], sampleMs: number): string {
  const lines = results.flatMap((r) =>
    r.cases.map((c) => {
      const m = c.ours.memory;
      return [
        r.key,
        FILES[c.kind],
        `${MB(c.bytes)} MB file`,
        `heap ${MB(m.baseline.heapUsed)} → peak ${MB(m.peak.heapUsed)} MB`,
        `(${signedMB(m.peak.heapUsed - m.baseline.heapUsed)} MB = ${heapPerFile(c).toFixed(2)} × file)`,
        m.afterMajorGc === null
          ? 'no full GC meanwhile'
          : `live ${signedMB(m.afterMajorGc - m.baseline.heapUsed)} MB (after ${m.majorGcs} full GCs)`,
        `after GC ${signedMB(m.after.heapUsed - m.baseline.heapUsed)} MB`,
        `RSS ${MB(m.baseline.rss)} → peak ${MB(m.peak.rss)} MB (${signedMB(m.peak.rss - m.baseline.rss)} MB)`,
        `${m.samples} readings`,
      ];
    }),
  );
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((l) => l[i]!.length))) ?? [];
  const pglite = results.some((r) => r.key === 'pglite')
    ? [
        '  * PGlite runs inside the server process: its RSS includes the database (WebAssembly memory), the JS heap does not',
      ]
    : [];
  return [
    `server process memory during each import (baseline after a full GC, read every ${sampleMs} ms; ` +
      "the heap peak includes garbage not yet collected; live = highest heap read right after one of V8's own full GCs)",
    ...lines.map((l) => `  ${l.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()),
    ...pglite,
  ].join('\n');
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));
const roundOrNull = (r: number | null): number | null => (r === null ? null : round(r, 3));
const timing = (t: Throughput) => ({
  seconds: round(t.seconds, 3),
  rowsPerSecond: Math.round(t.perSecond),
  clientCores: round(t.clientCores, 2),
});

function figures(c: CaseResult): Record<string, unknown> {
  const m = c.ours.memory;
  return {
    bytes: c.bytes,
    rows: c.rows,
    touchpoints: c.touchpoints,
    ours: {
      ...timing(c.ours.run),
      touchpointsPerSecond: Math.round(c.touchpoints / c.ours.run.seconds),
      serverCores: round(m.cpuSeconds / m.seconds, 2),
      machineCores: c.ours.machineCores === null ? null : round(c.ours.machineCores, 2),
      status: c.ours.answer.status,
    },
    ceiling: timing(c.ceiling.run),
    withoutHttp: { ...timing(c.withoutHttp.run), encodedBytes: c.withoutHttp.result.encodedBytes },
    ratio: roundOrNull(ratio(c.ours.run.perSecond, c.ceiling.run.perSecond)),
    ratioWithoutHttp: roundOrNull(ratio(c.ours.run.perSecond, c.withoutHttp.run.perSecond)),
    memory: {
      baseline: m.baseline,
      peak: m.peak,
      afterGc: m.after,
      samples: m.samples,
      heapPeakGrowth: m.peak.heapUsed - m.baseline.heapUsed,
      heapPeakGrowthPerFileByte: round(heapPerFile(c), 4),
      liveHeapGrowth: m.afterMajorGc === null ? null : m.afterMajorGc - m.baseline.heapUsed,
      rssPeakGrowth: m.peak.rss - m.baseline.rss,
    },
    bus: { ...c.ours.bus, expected: c.touchpoints, ok: busOk(c) },
    ok: caseProblems(c).length === 0,
  };
}

export function jsonLine(meta: Record<string, unknown>, results: readonly BackendResult[]): string {
  return benchJsonLine({
    ...meta,
    backends: Object.fromEntries(
      results.map((b) => [b.key, Object.fromEntries(b.cases.map((c) => [c.kind, figures(c)]))]),
    ),
  });
}
