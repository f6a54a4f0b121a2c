import { Parser, type CsvError, type Options } from 'csv-parse';
import { ValidationError, type ValidationIssue } from '@c360/errors';

/**
 * A CSV body read record by record, never whole: RFC 4180 with a header row, UTF-8
 * (a BOM is skipped), `,` between fields, CRLF or LF between records, `"` quoting
 * (a quoted field may span lines). Nothing is relaxed silently: a row whose field
 * count differs from the header's is handed on with an issue (its row is quarantined,
 * the rest of the file goes on); a bad quote, a record over `maxRecordBytes`, bytes
 * that are not UTF-8 or a body over `maxBytes` stop the read with a ValidationError,
 * since the parser cannot find the next record after them. Blank lines are skipped
 * (they hold no record); a quoted field still open at the end of the body — a file
 * cut off in transit — becomes a last row with an issue, so what it holds is kept.
 */

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

export interface CsvRow {
  /** Line of the file (1 = the header) on which the row starts. */
  line: number;
  /** Field values by column name, as written (not trimmed); a short row lacks the missing columns. */
  values: Readonly<Record<string, string>>;
  /** The row's text as received, without its final line break. */
  text: string;
  /** What is wrong with the row's shape; a mapper must reject a row that has any. */
  issues: ValidationIssue[];
}

export interface CsvReadOptions {
  columns: CsvColumns;
  maxBytes: number;
  maxRecordBytes: number;
  /** Added to every data row's line (a quarantined row re-read alone keeps its line in the original file). */
  lineOffset?: number;
}

export interface CsvFile {
  /** The header line as received (column names in the sender's order). */
  headerText: string;
  rows: AsyncGenerator<CsvRow>;
}

/** `line 12.started_at`: where a CSV issue is, in the same path style as JSON inputs' issues. */
export const csvPath = (line: number, column?: string): string => (column ? `line ${line}.${column}` : `line ${line}`);

/** csv-parse's push-based core (`Parser#api`): records come back in order with the error that followed them. */
interface ParserApi {
  parse(
    chunk: Buffer | undefined,
    end: boolean,
    push: (record: Parsed) => void,
    close: () => void,
  ): CsvError | undefined;
}
interface Parsed {
  record: string[];
  raw: string;
  /** The end of the body came inside a quoted field. */
  truncated?: boolean;
}

const PARSER_OPTIONS: Options = {
  bom: true,
  raw: true,
  record_delimiter: ['\r\n', '\n'],
  // Checked per row below, so a short or long row is quarantined instead of ending the import.
  relax_column_count: true,
  skip_empty_lines: true,
};

/**
 * Opens `source` (the request body, or a quarantined input's bytes): reads up to the header
 * row and checks it — ValidationError `empty_csv` without one, `invalid_csv_header` for a
 * missing required, an unknown or a repeated column — then yields the data rows.
 * The stream interface of csv-parse is not used because a parse error destroys it, and the
 * records already parsed before the error with it; its push-based core keeps them.
 */
export async function openCsv(source: AsyncIterable<Buffer>, options: CsvReadOptions): Promise<CsvFile> {
  const records = parsedRecords(source, options);
  const first = await records.next();
  if (first.done) throw emptyCsv('must start with a header row naming the columns');
  const { header, headerText } = checkedHeader(first.value.parsed, options.columns);
  return { headerText, rows: rowsOf(records, header, options.lineOffset ?? 0) };
}

export const emptyCsv = (message: string): ValidationError =>
  new ValidationError(`empty CSV: ${message}`, { code: 'empty_csv', issues: [{ path: '(body)', message }] });

function checkedHeader(parsed: Parsed, columns: CsvColumns): { header: string[]; headerText: string } {
  const header = parsed.record.map((name) => name.trim());
  const known = new Set([...columns.required, ...columns.optional]);
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    const at = csvPath(1, name || `[${i}]`);
    if (!known.has(name))
      issues.push({ path: at, message: `is not a column of this format; known: ${[...known].join(', ')}` });
    else if (seen.has(name)) issues.push({ path: at, message: 'appears twice' });
    seen.add(name);
  });
  for (const name of columns.required) {
    if (!seen.has(name)) issues.push({ path: csvPath(1, name), message: 'is a required column' });
  }
  if (issues.length > 0) {
    throw new ValidationError(`invalid CSV header: ${issues[0]!.path}: ${issues[0]!.message}`, {
      code: 'invalid_csv_header',
      issues,
    });
  }
  return { header, headerText: withoutBreak(parsed.raw).replace(/^\uFEFF/, '') };
}

async function* rowsOf(
  records: AsyncGenerator<{ parsed: Parsed; line: number }>,
  header: string[],
  lineOffset: number,
): AsyncGenerator<CsvRow> {
  for await (const { parsed, line: fileLine } of records) {
    const line = fileLine + lineOffset;
    const values: Record<string, string> = {};
    parsed.record.slice(0, header.length).forEach((value, i) => (values[header[i]!] = value));
    const issues: ValidationIssue[] = [];
    if (parsed.truncated) {
      issues.push({
        path: csvPath(line),
        message: 'ends inside a quoted field: the file is cut off or a quote is not closed',
      });
    } else if (parsed.record.length !== header.length) {
      const message = `has ${parsed.record.length} field(s); the header has ${header.length} (a cut-off or mis-quoted row)`;
      issues.push({ path: csvPath(line), message });
    }
    yield { line, values, text: withoutBreak(parsed.raw), issues };
  }
}

/** Parsed records with the line each starts on; see openCsv for the errors. */
async function* parsedRecords(
  source: AsyncIterable<Buffer>,
  options: CsvReadOptions,
): AsyncGenerator<{ parsed: Parsed; line: number }> {
  const api = (
    new Parser({ ...PARSER_OPTIONS, max_record_size: options.maxRecordBytes }) as unknown as { api: ParserApi }
  ).api;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let linesBefore = 0;
  let pending: { parsed: Parsed; line: number }[] = [];
  const push = (parsed: Parsed) => {
    // Blank lines skipped before a record are part of its raw text: they move its first line down.
    const leading = /^(?:\r?\n)*/.exec(parsed.raw)![0];
    pending.push({ parsed, line: linesBefore + 1 + countBreaks(leading) });
    linesBefore += countBreaks(parsed.raw);
  };
  const failed = (error: CsvError) => {
    const line = linesBefore + 1 + countBreaks(/^(?:\r?\n)*/.exec(String(error.raw ?? ''))![0]);
    return new ValidationError(`invalid CSV at line ${line}: ${csvMessage(error)}`, {
      code: 'invalid_csv',
      issues: [{ path: csvPath(line), message: csvMessage(error) }],
      details: { line, parserCode: error.code },
    });
  };

  for await (const chunk of source) {
    bytes += chunk.length;
    if (bytes > options.maxBytes) {
      throw new ValidationError(`request body is larger than ${options.maxBytes} bytes`, {
        code: 'payload_too_large',
        details: { line: linesBefore + 1 },
      });
    }
    try {
      utf8.decode(chunk, { stream: true });
    } catch {
      throw notUtf8(linesBefore + 1);
    }
    const error = api.parse(chunk, false, push, () => undefined);
    yield* takePending();
    if (error) throw failed(error);
  }
  try {
    utf8.decode();
  } catch {
    throw notUtf8(linesBefore + 1);
  }
  const error = api.parse(undefined, true, push, () => undefined);
  yield* takePending();
  if (error?.code === 'CSV_QUOTE_NOT_CLOSED') {
    const raw = String(error.raw ?? '');
    const leading = /^(?:\r?\n)*/.exec(raw)![0];
    // What the parser read of the last record: its fields cannot be told apart, its text is kept.
    yield {
      parsed: { record: [], raw: raw.slice(leading.length), truncated: true },
      line: linesBefore + 1 + countBreaks(leading),
    };
  } else if (error) throw failed(error);

  function takePending() {
    const taken = pending;
    pending = [];
    return taken;
  }
}

/**
 * Line breaks in a record's raw text. csv-parse leaves the LF of a record's final CRLF out
 * of the raw text (`"1,Anna\r"`), so a trailing CR counts as the break it ended.
 */
const countBreaks = (text: string): number => {
  let n = text.endsWith('\r') ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

const withoutBreak = (raw: string): string => raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$|\r$/, '');

const notUtf8 = (line: number) =>
  new ValidationError(`request body is not UTF-8 (at or after line ${line})`, {
    code: 'invalid_encoding',
    issues: [{ path: csvPath(line), message: 'must be UTF-8 text' }],
  });

const CSV_MESSAGES: Record<string, string> = {
  CSV_MAX_RECORD_SIZE: 'the record is larger than the limit per record',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the field and double the quote: "a ""b"" c")',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote (a quote inside a quoted field must be doubled)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'text after a closing quote (a quote inside a quoted field must be doubled)',
};
// Never csv-parse's own message: it quotes the field, which may hold a card number.
const csvMessage = (error: CsvError): string => CSV_MESSAGES[error.code] ?? `cannot be read as CSV (${error.code})`;
