import type { Writer } from './io';

export interface Progress {
  /** `fraction` in [0, 1] draws a bar; `null` only the label (total unknown). */
  update(fraction: number | null, label: string): void;
  /** Clears the line. */
  done(): void;
}

const silent: Progress = { update: () => undefined, done: () => undefined };

/**
 * A one-line progress bar on stderr, redrawn at most ten times a second; nothing at
 * all when stderr is not a terminal or output is JSON, so logs and pipes stay clean.
 */
export function progressBar(stderr: Writer, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled || !stderr.isTTY) return silent;
  let last = 0;
  let drawn = false;
  return {
    update(fraction, label) {
      const t = now();
      if (t - last < 100 && fraction !== 1) return;
      last = t;
      drawn = true;
      stderr.write(`\r\x1b[K${renderProgress(fraction, label, stderr.columns ?? 80)}`);
    },
    done() {
      if (drawn) stderr.write('\r\x1b[K');
    },
  };
}

/** The text of one progress line, at most `columns` wide. */
export function renderProgress(fraction: number | null, label: string, columns: number): string {
  if (fraction === null) return label.slice(0, columns - 1);
  const clamped = Math.min(Math.max(fraction, 0), 1);
  const percent = `${Math.floor(clamped * 100)}%`.padStart(4);
  const width = Math.max(10, Math.min(30, columns - label.length - 10));
  const full = Math.round(clamped * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${percent} ${label}`.slice(0, columns - 1);
}
