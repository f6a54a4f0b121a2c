import { Readable } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import type { SourceKey } from '@c360/auth';
import { C360Error, ValidationError, type ValidationIssue } from '@c360/errors';
import type { Channel, Touchpoint } from '@c360/touchpoint';
import type { AdapterContext, RawInput, ReprocessOutcome } from './adapter';
import { deliver, emptySorted, sortTouchpoint, type Sorted } from './async-input';
import { emptyCsv, openCsv, type CsvColumns, type CsvRow } from './csv-records';

/**
 * Streamed CSV imports, shared by the channels that take files (call-detail records,
 * till exports). The body is read record by record and mapped by a format; what the
 * rows become is handed to the intake in batches, and the next rows are read only once
 * a batch is durable — memory stays bounded by the batch, whatever the file's size.
 * A row that cannot be accepted is quarantined on its own (its line, the reason, the
 * header and its text), repairable and re-submittable through the admin quarantine
 * routes (`reprocessCsv`). Ids come from the rows' own ids, so importing a file again
 * — after a failure part-way, or by mistake — yields the same touchpoints.
 */

/** What one row (or several: a receipt spans its lines) became. */
export type CsvOutcome =
  | { kind: 'touchpoint'; line: number; touchpoint: Touchpoint; text: string }
  | { kind: 'rejected'; line: number; reason: string; issues: ValidationIssue[]; text: string };

/** One import's mapping state; rows arrive in file order. */
export interface CsvMapper {
  /** What this row completed: usually its touchpoint or its rejection; nothing while a multi-row record is open. */
  row(row: CsvRow): CsvOutcome[];
  /** The end of the file: whatever is still open. */
  end(): CsvOutcome[];
}

export interface CsvFormat {
  /** The adapter's name: quarantined rows are re-processed by it. */
  adapter: string;
  channel: Channel;
  columns: CsvColumns;
  mapper(input: { source: SourceKey; receivedAt: number }): CsvMapper;
}

export interface CsvLimits {
  /** Largest body accepted, in bytes (413 `payload_too_large`). */
  maxBytes: number;
  /** Largest record, in bytes (the import stops with 400 `invalid_csv` at it). */
  maxRecordBytes: number;
  /** Touchpoints and quarantined rows per publish. */
  batchSize: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxRecordBytes: 64 * 1024,
  batchSize: 500,
};

/** Errors listed in an import's answer; the counts cover all of them. */
export const MAX_LISTED_ERRORS = 100;

export interface CsvRowError {
  line: number;
  reason: string;
  issues: ValidationIssue[];
}

export interface CsvProgress {
  /** Data rows read so far. */
  rows: number;
  /** Touchpoints on the bus. */
  accepted: number;
  /** Quarantine records written (a rejected receipt is one record for its lines). */
  quarantined: number;
}

export interface CsvSummary extends CsvProgress {
  errors: CsvRowError[];
  /** Errors beyond the listed ones. */
  errorsOmitted: number;
}

export const CSV_CONTENT_TYPE = 'text/csv';

/**
 * Runs one import. Resolves with the totals once every row is accepted or quarantined;
 * throws a ValidationError for a file that cannot be read on (see openCsv) — after
 * delivering every record completed before it — with the totals so far in its details. `onBatch` is awaited after each published batch.
 */
export async function importCsv(options: {
  format: CsvFormat;
  context: AdapterContext;
  source: SourceKey;
  body: AsyncIterable<Buffer>;
  limits?: Partial<CsvLimits>;
  lineOffset?: number;
  onBatch?: (progress: CsvProgress) => void | Promise<void>;
}): Promise<CsvSummary> {
  const { format, context, source } = options;
  const limits = { ...DEFAULT_CSV_LIMITS, ...options.limits };
  const summary: CsvSummary = { rows: 0, accepted: 0, quarantined: 0, errors: [], errorsOmitted: 0 };
  const file = await openCsv(options.body, { ...limits, columns: format.columns, lineOffset: options.lineOffset });
  const mapper = format.mapper({ source, receivedAt: context.now().getTime() });
  let batch: Sorted = emptySorted();
  let size = 0;

  const rawOf = (text: string) => Buffer.from(`${file.headerText}\n${text}\n`, 'utf8');
  const take = async (outcomes: CsvOutcome[]) => {
    for (const outcome of outcomes) {
      const raw = { contentType: `${CSV_CONTENT_TYPE}; charset=utf-8; line=${outcome.line}`, raw: rawOf(outcome.text) };
      if (outcome.kind === 'touchpoint') {
        const before = batch.rejected.length;
        sortTouchpoint(batch, outcome.touchpoint, raw);
        const rejected = batch.rejected[before];
        if (rejected) note({ line: outcome.line, reason: rejected.reason, issues: rejected.issues });
      } else {
        batch.rejected.push({ reason: outcome.reason, issues: outcome.issues, ...raw });
        note(outcome);
      }
      if (++size >= limits.batchSize) await flush();
    }
  };
  const note = (error: CsvRowError) => {
    if (summary.errors.length < MAX_LISTED_ERRORS) {
      summary.errors.push({ line: error.line, reason: error.reason, issues: error.issues });
    } else summary.errorsOmitted++;
  };
  const flush = async () => {
    if (size === 0) return;
    const done = await deliver(context, { adapter: format.adapter, channel: format.channel, source, sorted: batch });
    summary.accepted += done.accepted;
    summary.quarantined += done.quarantined;
    batch = emptySorted();
    size = 0;
    await options.onBatch?.(progressOf(summary));
  };

  try {
    for await (const row of file.rows) {
      summary.rows++;
      await take(mapper.row(row));
    }
  } catch (error) {
    if (error instanceof ValidationError) {
      // Every record completed before the unreadable part is delivered; one still open (a
      // receipt whose rows may go on past it) is not: delivered short, its id would shadow
      // the whole record when the repaired file is imported again.
      await flush();
      throw withTotals(error, summary);
    }
    throw error;
  }
  await take(mapper.end());
  await flush();
  if (summary.rows === 0) throw emptyCsv('has a header but no rows');
  return summary;
}

const progressOf = (s: CsvProgress): CsvProgress => ({
  rows: s.rows,
  accepted: s.accepted,
  quarantined: s.quarantined,
});

function withTotals(error: ValidationError, summary: CsvSummary): ValidationError {
  return new ValidationError(error.message, {
    code: error.code,
    issues: [...error.issues],
    details: { ...error.details, ...summary },
    cause: error,
  });
}

/**
 * The route handler of a CSV import (after the write-key check, which puts the source in
 * `response.locals.source`). Answers 200 with the `CsvSummary`, or — when the client sends
 * `Accept: application/x-ndjson` — streams one JSON line per published batch
 * (`{"type":"progress","rows":…,"accepted":…,"quarantined":…}`) and a last line
 * (`{"type":"summary",…CsvSummary}`, or `{"type":"error","code":…,"message":…,"details":…}`
 * when the file could not be read to its end after progress was already sent).
 * Refused before anything is read: 415 `unsupported_content_type` (not `text/csv`, or a
 * charset other than UTF-8), 413 `payload_too_large` (Content-Length over the limit);
 * refused with nothing written: 400 `empty_csv`, `invalid_csv_header`.
 */
export function csvImportHandler(options: {
  format: CsvFormat;
  context: AdapterContext;
  limits?: Partial<CsvLimits>;
}): RequestHandler {
  const limits = { ...DEFAULT_CSV_LIMITS, ...options.limits };
  return async (request, response) => {
    const { context, format } = options;
    let streaming = false;
    try {
      checkRequest(request, limits);
      const ndjson = (request.get('accept') ?? '').includes('application/x-ndjson');
      const summary = await importCsv({
        format,
        context,
        source: response.locals.source!,
        body: request,
        limits,
        onBatch: ndjson
          ? async (progress) => {
              streaming = true;
              await writeLine(response, { type: 'progress', ...progress });
            }
          : undefined,
      });
      if (!streaming) {
        if (ndjson)
          response
            .status(200)
            .type('application/x-ndjson')
            .end(`${JSON.stringify({ type: 'summary', ...summary })}\n`);
        else response.status(200).json(summary);
      } else response.end(`${JSON.stringify({ type: 'summary', ...summary })}\n`);
    } catch (error) {
      if (error instanceof ValidationError && Number(error.details.accepted ?? 0) === 0) {
        context.intake.rejected(format.channel);
      }
      if (!streaming) throw error;
      const known =
        error instanceof C360Error ? error.toJSON() : { code: 'internal_error', message: 'unexpected error' };
      response.end(`${JSON.stringify({ type: 'error', ...known })}\n`);
      if (!(error instanceof C360Error)) throw error;
    }
  };
}

function checkRequest(request: Request, limits: CsvLimits): void {
  const [type = '', ...params] = (request.get('content-type') ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (type !== CSV_CONTENT_TYPE || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new ValidationError('a CSV import must be sent as Content-Type: text/csv (UTF-8)', {
      code: 'unsupported_content_type',
      issues: [{ path: '(content-type)', message: 'must be text/csv; charset=utf-8' }],
    });
  }
  const length = Number(request.get('content-length'));
  if (Number.isFinite(length) && length > limits.maxBytes) {
    throw new ValidationError(`request body is larger than ${limits.maxBytes} bytes`, { code: 'payload_too_large' });
  }
}

async function writeLine(response: Response, line: object): Promise<void> {
  if (!response.headersSent) {
    response.status(200).type('application/x-ndjson');
    response.setHeader('cache-control', 'no-store');
  }
  if (!response.write(`${JSON.stringify(line)}\n`)) {
    await new Promise<void>((resolve) => response.once('drain', resolve));
  }
}

/**
 * Re-runs a quarantined CSV input (the header and the row(s) it kept, possibly repaired by
 * an admin) through the same import; its rows keep their line numbers in the original file
 * (the `line=` parameter of its content type).
 */
export async function reprocessCsv(
  format: CsvFormat,
  input: RawInput,
  context: AdapterContext,
): Promise<ReprocessOutcome> {
  const line = Number(/(?:^|;)\s*line=(\d+)/.exec(input.contentType)?.[1] ?? 2);
  const summary = await importCsv({
    format,
    context,
    source: input.source,
    body: Readable.from([input.raw]),
    lineOffset: line - 2,
  });
  return { accepted: summary.accepted, quarantined: summary.quarantined };
}
