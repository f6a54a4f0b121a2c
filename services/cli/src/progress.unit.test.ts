import { describe, expect, it } from 'vitest';
import { progressBar, renderProgress } from './progress';

describe('progress bar', () => {
  it('given a fraction, then a bar with the percentage and the label fits the terminal', () => {
    expect(renderProgress(0.5, '10 rows', 60)).toMatch(/^\[#+\.+\] {2}50% 10 rows$/);
    expect(renderProgress(2, 'x', 40)).toContain('100%');
    expect(renderProgress(null, 'rebuild: 5 events', 80)).toBe('rebuild: 5 events');
    expect(renderProgress(0.3, 'a long label '.repeat(20), 50).length).toBeLessThan(50);
  });

  it('given stderr is not a terminal, or JSON output, then nothing is drawn', () => {
    let written = '';
    const pipe = { write: (t: string) => (written += t) };
    progressBar(pipe, true).update(0.5, 'x');
    progressBar({ ...pipe, isTTY: true }, false).update(0.5, 'x');
    expect(written).toBe('');
    const bar = progressBar({ ...pipe, isTTY: true, columns: 40 }, true);
    bar.update(0.5, 'half');
    bar.done();
    expect(written).toContain('half');
    expect(written.endsWith('\r\x1b[K')).toBe(true);
  });
});
