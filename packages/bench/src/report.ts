/**
 * Shared reporting for the benchmarks (store, bus, ingest, query): a figure is
 * only printed next to a ceiling or a competitor measured in the same run, as a
 * ratio, so a slow machine does not read as a slow component.
 */
import type { Throughput } from './measure';

/** A throughput figure; `null` when not measured (the reason goes in `note`). */
export interface Rate {
  value: number | null;
  /** e.g. `ev/s`, `rows/s`, `msg/s`. */
  unit: string;
  note?: string;
}

export interface Reference {
  /** e.g. `raw ceiling`, `emmett`. */
  label: string;
  rate: Rate;
  /** Label of the subject/reference ratio cell, e.g. `ratio`, `ours/emmett`. */
  ratioLabel: string;
}

export interface ComparisonRow {
  /** e.g. `append x100`. */
  operation: string;
  subject: { label: string; rate: Rate };
  references: Reference[];
}

export interface ComparisonTable {
  title: string;
  notes?: string[];
  rows: ComparisonRow[];
}

/** `a / b`, or `null` when either side is missing or `b` is not positive. */
export function ratio(a: Rate | number | null, b: Rate | number | null): number | null {
  const x = typeof a === 'object' && a !== null ? a.value : a;
  const y = typeof b === 'object' && b !== null ? b.value : b;
  if (x === null || y === null || !(y > 0)) return null;
  return x / y;
}

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatRate(rate: Rate): string {
  if (rate.value === null) return rate.note ? `n/a (${rate.note})` : '—';
  return `${formatCount(rate.value)} ${rate.unit}`;
}

export const formatRatio = (r: number | null): string => (r === null ? '—' : r.toFixed(2));

/** One progress line of a timed phase: count, seconds, rate and the client's CPU share. */
export const throughputLine = (what: string, t: Throughput, unit: string): string =>
  `  ${what.padEnd(28)} ${formatCount(t.count).padStart(9)} in ${t.seconds.toFixed(2).padStart(6)} s  ${formatCount(t.perSecond).padStart(9)} ${unit.padEnd(6)}  client CPU ${t.clientCores.toFixed(2)} cores`;

function cells(row: ComparisonRow): string[] {
  const out = [row.operation, `${row.subject.label} ${formatRate(row.subject.rate)}`];
  for (const ref of row.references) {
    out.push(
      `${ref.label} ${formatRate(ref.rate)}`,
      `${ref.ratioLabel} ${formatRatio(ratio(row.subject.rate, ref.rate))}`,
    );
  }
  return out;
}

/** The table as aligned `a | b | c` lines, title and notes first. */
export function renderTable(table: ComparisonTable): string {
  const grid = table.rows.map(cells);
  const widths: number[] = [];
  for (const line of grid) line.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const lines = grid.map((line) =>
    line
      .map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd(),
  );
  const rule = '-'.repeat(Math.max(table.title.length, ...lines.map((l) => l.length)));
  return [table.title, rule, ...lines, ...(table.notes ?? []).map((n) => `  * ${n}`)].join('\n');
}

export type Verdict = 'PASS' | 'MISS' | 'SKIP';

export interface Target {
  /** e.g. `PostgreSQL append x100 ≥ 0.80 × raw ceiling`. */
  name: string;
  /** The measured ratio; `null` when a side was not measured. */
  actual: number | null;
  min: number;
}

export const verdict = (t: Target): Verdict => (t.actual === null ? 'SKIP' : t.actual >= t.min ? 'PASS' : 'MISS');

export function renderTargets(targets: readonly Target[]): string {
  const width = Math.max(...targets.map((t) => t.name.length));
  return [
    'targets',
    ...targets.map((t) => `  ${t.name.padEnd(width)}  actual ${formatRatio(t.actual).padStart(5)}  ${verdict(t)}`),
  ].join('\n');
}

/**
 * One machine-readable line (`BENCH_JSON {...}`) for the summary tool; bigints as
 * strings, non-finite numbers as null.
 */
export function benchJsonLine(payload: Record<string, unknown>): string {
  return `BENCH_JSON ${JSON.stringify(payload, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value;
  })}`;
}

/**
 * A table title's first words (`PostgreSQL 15.20 at host/db`, `PGlite`, or the
 * workload `20,000 touchpoints per phase` when the operations name the backends):
 * the summary's setting column.
 */
const shortSetting = (title: string): string =>
  title
    .replace(/^bench:\w+: /, '')
    .split(/, | — | \(/)[0]!
    .trim();

/** What one benchmark hands to `npm run bench`: its tables and targets, as printed. */
export interface BenchSummary {
  /** e.g. `store`. */
  bench: string;
  tables: ComparisonTable[];
  targets: Target[];
}

const SUMMARY_PREFIX = 'BENCH_SUMMARY ';

/** One line (`BENCH_SUMMARY {...}`) carrying the summary; the last thing a benchmark prints. */
export const benchSummaryLine = (summary: BenchSummary): string => `${SUMMARY_PREFIX}${JSON.stringify(summary)}`;

/** The summary carried by `line`, or `null` when the line is not a summary line. */
export function parseBenchSummary(line: string): BenchSummary | null {
  if (!line.startsWith(SUMMARY_PREFIX)) return null;
  return JSON.parse(line.slice(SUMMARY_PREFIX.length)) as BenchSummary;
}

/**
 * Every benchmark's figures in one table — benchmark, setting, operation, our figure,
 * the reference measured in the same run and the ratio — then every target with its
 * verdict. A benchmark that produced no summary is listed with why.
 */
export function renderSummary(summaries: readonly BenchSummary[], failed: readonly string[] = []): string {
  const header = ['bench', 'setting', 'operation', 'ours', 'reference', 'ratio'];
  const grid: string[][] = [];
  for (const summary of summaries)
    for (const table of summary.tables)
      for (const row of table.rows)
        for (const reference of row.references)
          grid.push([
            summary.bench,
            shortSetting(table.title),
            row.operation,
            formatRate(row.subject.rate),
            `${reference.label} ${formatRate(reference.rate)}`,
            `${reference.ratioLabel} ${formatRatio(ratio(row.subject.rate, reference.rate))}`,
          ]);
  const widths = header.map((h, i) => Math.max(h.length, ...grid.map((line) => line[i]?.length ?? 0)));
  const render = (line: string[]): string =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const lines = [render(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...grid.map(render)];
  const targets = summaries.flatMap((s) => s.targets.map((t) => ({ ...t, name: `${s.bench}: ${t.name}` })));
  const sections = ['summary of every benchmark (ratios measured in the same run)', lines.join('\n')];
  if (targets.length > 0) sections.push(renderTargets(targets));
  if (failed.length > 0) sections.push(['not measured', ...failed.map((f) => `  ${f}`)].join('\n'));
  return sections.join('\n\n');
}
