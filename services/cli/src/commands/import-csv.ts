import { createReadStream } from 'node:fs';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { ndjsonLines } from '../http';

interface CsvSummary {
  rows: number;
  accepted: number;
  quarantined: number;
  errors: { line: number; reason: string }[];
  errorsOmitted?: number;
}

/**
 * Streams the file as the request body (read as it is sent, never whole) and follows
 * the endpoint's NDJSON progress; the last line is the summary. Exit 1 when a row was
 * not accepted (it is in the quarantine, repairable with `c360 quarantine`).
 */
export async function importCsv(
  ctx: CommandContext,
  input: { file: string; size: number; kind: string; endpoint: string },
) {
  const progress = ctx.progress();
  let sent = 0;
  let rows = 0;
  const draw = () =>
    progress.update(input.size > 0 ? sent / input.size : null, `${rows} rows · ${Math.round(sent / 1024)} KiB sent`);
  async function* body(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(input.file, { highWaterMark: 64 * 1024 })) {
      sent += (chunk as Buffer).length;
      draw();
      yield chunk as Buffer;
    }
  }
  let last: Record<string, unknown> | undefined;
  try {
    const response = await ctx.client.send({
      method: 'POST',
      path: input.endpoint,
      auth: 'writeKey',
      stream: body(),
      contentType: 'text/csv; charset=utf-8',
      accept: 'application/x-ndjson',
    });
    for await (const line of ndjsonLines(response)) {
      last = line;
      if (typeof line.rows === 'number') rows = line.rows;
      draw();
    }
  } finally {
    progress.done();
  }
  if (last?.type === 'error' || last?.type !== 'summary') {
    throw new CliError(`import stopped: ${String(last?.message ?? 'the platform ended the answer early')}`, {
      exitCode: EXIT.failed,
      code: typeof last?.code === 'string' ? last.code : 'incomplete_answer',
      details: (last?.details as Record<string, unknown> | undefined) ?? {},
    });
  }
  const { type: _type, ...rest } = last;
  const summary = rest as unknown as CsvSummary;
  ctx.out.result({ file: input.file, kind: input.kind, format: 'csv', ...summary }, () =>
    [
      `${input.file}: ${summary.rows} rows, ${summary.accepted} touchpoints accepted, ${summary.quarantined} quarantined`,
      ...summary.errors.map((e) => `  line ${e.line}: ${e.reason}`),
      ...(summary.errorsOmitted ? [`  … and ${summary.errorsOmitted} more`] : []),
      ...(summary.quarantined > 0 ? ['(repair and re-submit with `c360 quarantine list|show|repair`)'] : []),
    ].join('\n'),
  );
  return summary.quarantined > 0 || summary.errors.length > 0 ? EXIT.failed : EXIT.ok;
}
