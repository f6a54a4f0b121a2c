import type { Io } from './io';

/**
 * What a command prints: with `--json`, exactly one JSON document on stdout (for
 * scripts); otherwise tables and lines for a person. Notes go to stderr either way.
 */
export interface Output {
  readonly json: boolean;
  /** The command's result: `document` as JSON, or `human()` for a person. */
  result(document: unknown, human: () => string): void;
  note(text: string): void;
}

export function output(io: Io, json: boolean): Output {
  return {
    json,
    result(document, human) {
      if (json) io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      else {
        const text = human();
        if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      }
    },
    note(text) {
      if (!json) io.stderr.write(`${text}\n`);
    },
  };
}

type Cell = string | number | boolean | null | undefined | Date;

const show = (value: Cell): string =>
  value === null || value === undefined ? '-' : value instanceof Date ? value.toISOString() : String(value);

/** A plain table: a header row and columns padded to their widest cell. */
export function table(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => show(row[c] as Cell)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

/** `name  value` lines; nested values as compact JSON. */
export function fields(record: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  return Object.entries(record)
    .map(([key, value]) => {
      const text = value !== null && typeof value === 'object' ? JSON.stringify(value) : show(value as Cell);
      return `${key.padEnd(width)}  ${text}`;
    })
    .join('\n');
}
