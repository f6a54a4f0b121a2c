/**
 * The ceiling: csv-parse alone, with the options the import gives it (csv-records.ts:
 * PARSER_OPTIONS and the record limit), reading the same chunks into row objects — with
 * `columns`, so that csv-parse builds each row's object itself, as the import builds its
 * rows' values from the header. No HTTP, no checks, no mapping, no bus.
 */
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { DEFAULT_CSV_LIMITS } from '@c360/channels';

export const IMPORT_PARSER_OPTIONS: Options = {
  bom: true,
  raw: true,
  record_delimiter: ['\r\n', '\n'],
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: DEFAULT_CSV_LIMITS.maxRecordBytes,
};

/** Data rows read. */
export async function parseOnly(chunks: readonly Buffer[]): Promise<number> {
  const parser = parse({ ...IMPORT_PARSER_OPTIONS, columns: true });
  Readable.from(chunks).pipe(parser);
  let rows = 0;
  for await (const _row of parser) rows++;
  return rows;
}
