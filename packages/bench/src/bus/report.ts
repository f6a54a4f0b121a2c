/** The bus benchmark's table and JSON line, built on the shared report helpers. */
import type { Throughput } from '../measure';
import { benchJsonLine, ratio, type ComparisonRow, type ComparisonTable, type Rate } from '../report';
import type { BackendKey } from './config';
import type { Consumed } from './phases';

export interface Skipped {
  skipped: string;
}

export interface Figures {
  publish: { ours: Throughput; raw: Throughput };
  consume: { ours: Consumed; raw: Consumed };
  endToEnd: { ours: Consumed; raw: Consumed | Skipped };
}

export type BackendResult = { key: BackendKey; name: string } & (
  ({ outcome: 'measured'; description: string } & Figures) | { outcome: 'SKIP' | 'FAILED'; reason: string }
);

const UNIT = 'msg/s';

const rate = (t: Throughput | Skipped): Rate =>
  'skipped' in t ? { value: null, unit: UNIT, note: 'see notes' } : { value: t.perSecond, unit: UNIT };

const row = (operation: string, ours: Rate, raw: Rate): ComparisonRow => ({
  operation,
  subject: { label: 'ours', rate: ours },
  references: [{ label: 'raw ceiling', rate: raw, ratioLabel: 'ratio' }],
});

export interface RunShape {
  count: number;
  publishBatch: number;
  publishers: number;
  consumeBatch: number;
}

const PHASES = (shape: RunShape) =>
  [
    ['publish', `encode+publish x${shape.publishBatch}`],
    ['consume', `consume+decode x${shape.consumeBatch}`],
    ['endToEnd', 'end-to-end'],
  ] as const;

const seconds = (t: Throughput | Skipped): string => ('skipped' in t ? 'n/a' : `${t.seconds.toFixed(1)} s`);

export function tableFor(
  results: readonly BackendResult[],
  shape: RunShape,
  notes: readonly string[],
): ComparisonTable {
  const rows: ComparisonRow[] = [];
  const backendNotes: string[] = [];
  for (const result of results) {
    if (result.outcome !== 'measured') {
      const na: Rate = { value: null, unit: UNIT, note: result.outcome };
      rows.push(row(`${result.name}: all phases`, na, na));
      backendNotes.push(`${result.name} ${result.outcome}: ${result.reason}`);
      continue;
    }
    for (const [phase, label] of PHASES(shape)) {
      rows.push(row(`${result.name}: ${label}`, rate(result[phase].ours), rate(result[phase].raw)));
    }
    const { publish, consume, endToEnd } = result;
    if ('skipped' in endToEnd.raw)
      backendNotes.push(`${result.name}: raw end-to-end not measured: ${endToEnd.raw.skipped}`);
    backendNotes.push(
      `${result.description}; ours/raw seconds: publish ${seconds(publish.ours)}/${seconds(publish.raw)}, ` +
        `consume ${seconds(consume.ours)}/${seconds(consume.raw)}, end-to-end ${seconds(endToEnd.ours)}/${seconds(endToEnd.raw)}; ` +
        `redelivered ${consume.ours.redelivered} (consume), ${endToEnd.ours.redelivered} (end-to-end)`,
    );
  }
  return {
    title: `bench:bus: ${shape.count.toLocaleString('en-US')} touchpoints per phase, ${shape.publishers} publishers`,
    rows,
    notes: [...notes, ...backendNotes],
  };
}

const round3 = (r: number | null): number | null => (r === null ? null : Number(r.toFixed(3)));

const figure = (t: Throughput | Skipped): Record<string, unknown> =>
  'skipped' in t
    ? { skipped: t.skipped }
    : {
        count: t.count,
        seconds: Number(t.seconds.toFixed(3)),
        perSecond: Math.round(t.perSecond),
        clientCores: Number(t.clientCores.toFixed(2)),
        ...('redelivered' in t ? { redelivered: t.redelivered } : {}),
      };

export function jsonLine(meta: Record<string, unknown>, results: readonly BackendResult[], shape: RunShape): string {
  const backends = Object.fromEntries(
    results.map((r) => {
      if (r.outcome !== 'measured') return [r.key, { outcome: r.outcome, reason: r.reason }];
      const phases = PHASES(shape).map(([phase]) => {
        const { ours, raw } = r[phase];
        const rawRate = 'skipped' in raw ? null : raw.perSecond;
        return [phase, { ours: figure(ours), raw: figure(raw), ratioRaw: round3(ratio(ours.perSecond, rawRate)) }];
      });
      return [r.key, { outcome: r.outcome, ...Object.fromEntries(phases) }];
    }),
  );
  return benchJsonLine({ ...meta, backends });
}
