import { describe, expect, it } from 'vitest';
import { benchSummaryLine, parseBenchSummary, renderSummary, type BenchSummary } from './report';

const store: BenchSummary = {
  bench: 'store',
  tables: [
    {
      title: 'PostgreSQL 16 — 16 writers',
      rows: [
        {
          operation: 'append x100',
          subject: { label: 'ours', rate: { value: 40_000, unit: 'ev/s' } },
          references: [
            { label: 'raw ceiling', rate: { value: 50_000, unit: 'rows/s' }, ratioLabel: 'ratio' },
            { label: 'emmett', rate: { value: null, unit: 'ev/s', note: 'skipped' }, ratioLabel: 'ours/emmett' },
          ],
        },
      ],
    },
  ],
  targets: [{ name: 'append x100 ≥ 0.80 × raw', actual: 0.8, min: 0.8 }],
};

describe('npm run bench summary', () => {
  it('carries a benchmark summary through one output line and back', () => {
    const line = benchSummaryLine(store);
    expect(line.includes('\n')).toBe(false);
    expect(parseBenchSummary(line)).toEqual(store);
    expect(parseBenchSummary('  ours append x100   40,000 ev/s')).toBeNull();
  });

  it('prints each figure beside its same-run reference with the ratio, then the verdicts', () => {
    const text = renderSummary([store], ['query: no figures (exit code 1)']);
    const row = text.split('\n').find((l) => l.includes('raw ceiling'));
    expect(row).toMatch(
      /^store \| PostgreSQL 16 +\| append x100 \| 40,000 ev\/s \| raw ceiling 50,000 rows\/s \| ratio 0\.80$/,
    );
    expect(text).toMatch(/emmett n\/a \(skipped\) +\| ours\/emmett —/);
    expect(text).toMatch(/store: append x100 ≥ 0\.80 × raw +actual {2}0\.80 {2}PASS/);
    expect(text).toMatch(/not measured\n {2}query: no figures \(exit code 1\)/);
  });
});
