import { describe, expect, it } from 'vitest';
import { ValidationError } from '@c360/errors';
import { openCsv, type CsvRow } from './csv-records';

const COLUMNS = { required: ['id', 'name'], optional: ['note'] };
const LIMITS = { maxBytes: 1024 * 1024, maxRecordBytes: 256 };

/** The body in chunks of `size` bytes, as a socket would deliver it. */
async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(text: string | Buffer, options: { lineOffset?: number; size?: number } = {}) {
  const file = await openCsv(chunks(text, options.size), {
    ...LIMITS,
    columns: COLUMNS,
    lineOffset: options.lineOffset,
  });
  const rows: CsvRow[] = [];
  try {
    for await (const row of file.rows) rows.push(row);
  } catch (error) {
    return { headerText: file.headerText, rows, error: error as ValidationError };
  }
  return { headerText: file.headerText, rows, error: undefined };
}

describe('CSV records', () => {
  it('given a BOM, CRLF and LF mixed, blank lines and a quoted field over two lines, then each row knows the line it starts on', async () => {
    const { headerText, rows } = await read('\uFEFFid,name\r\n1,Anna\r\n\n2,"Li\nNa"\n3,"say ""hi"""\n');
    expect(headerText).toBe('id,name');
    expect(rows.map((r) => [r.line, r.values, r.text])).toEqual([
      [2, { id: '1', name: 'Anna' }, '1,Anna'],
      [4, { id: '2', name: 'Li\nNa' }, '2,"Li\nNa"'],
      [6, { id: '3', name: 'say "hi"' }, '3,"say ""hi"""'],
    ]);
    expect(rows.every((r) => r.issues.length === 0)).toBe(true);
  });

  it('given a row with too few or too many fields, then it is handed on with an issue and the rows after it still come', async () => {
    const { rows, error } = await read('id,name\n1\n2,b,c\n3,c\n');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.line, r.issues.map((i) => i.path)])).toEqual([
      [2, ['line 2']],
      [3, ['line 3']],
      [4, []],
    ]);
    expect(rows[0]!.values).toEqual({ id: '1' });
  });

  it('given CRLF line ends (a spreadsheet export), then lines count the same and texts carry no CR', async () => {
    const { headerText, rows } = await read('id,name\r\n1\r\n2,"b\r\nc"\r\n3,d\r\n', { size: 3 });
    expect(headerText).toBe('id,name');
    expect(rows.map((r) => [r.line, r.text, r.issues.length])).toEqual([
      [2, '1', 1],
      [3, '2,"b\r\nc"', 0],
      [5, '3,d', 0],
    ]);
  });

  it('given a last row cut inside a quoted field, then the rows before it and the cut row with its text', async () => {
    const { rows, error } = await read('id,name\n1,a\n2,"unfinished\nstill');
    expect(error).toBeUndefined();
    expect(rows.at(-1)).toMatchObject({ line: 3, values: {}, text: '2,"unfinished\nstill' });
    expect(rows.at(-1)!.issues[0]!.message).toContain('quoted field');
  });

  it('given a stray quote mid-file, then the rows before it, then invalid_csv at its line without quoting the field', async () => {
    const { rows, error } = await read('id,name\n1,a\n2,b"4111111111111111\n3,c\n', { size: 1000 });
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(error).toMatchObject({ code: 'invalid_csv', details: { line: 3 } });
    expect(JSON.stringify(error!.toJSON())).not.toContain('4111');
  });

  it('given a record over the record limit, then invalid_csv at its line', async () => {
    const { error } = await read(`id,name\n1,${'x'.repeat(300)}\n`);
    expect(error).toMatchObject({ code: 'invalid_csv', details: { line: 2 } });
  });

  it('given bytes that are not UTF-8, then invalid_encoding', async () => {
    const { error } = await read(
      Buffer.concat([Buffer.from('id,name\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    expect(error).toMatchObject({ code: 'invalid_encoding' });
  });

  it('given a line offset (a quarantined row read again), then rows keep their line in the original file', async () => {
    const { rows } = await read('id,name\n7,g\n', { lineOffset: 40 });
    expect(rows[0]!.line).toBe(42);
  });

  it('given no header, a missing required column, an unknown or a repeated one, then the file is refused before any row', async () => {
    await expect(openCsv(chunks(''), { ...LIMITS, columns: COLUMNS })).rejects.toMatchObject({ code: 'empty_csv' });
    await expect(openCsv(chunks('id,note\n'), { ...LIMITS, columns: COLUMNS })).rejects.toMatchObject({
      code: 'invalid_csv_header',
      issues: [{ path: 'line 1.name', message: 'is a required column' }],
    });
    await expect(openCsv(chunks('id,name,mood,id\n'), { ...LIMITS, columns: COLUMNS })).rejects.toMatchObject({
      issues: [
        { path: 'line 1.mood', message: expect.stringContaining('not a column') },
        { path: 'line 1.id', message: 'appears twice' },
      ],
    });
  });

  it('given a body over the byte limit, then payload_too_large', async () => {
    const file = await openCsv(chunks(`id,name\n${'1,a\n'.repeat(100)}`), {
      ...LIMITS,
      maxBytes: 64,
      columns: COLUMNS,
    });
    await expect(async () => {
      for await (const _ of file.rows) void _;
    }).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
