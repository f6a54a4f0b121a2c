import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CommandContext } from '../context';
import { CliError, EXIT } from '../exit-codes';

/** Where each JSONL kind goes, how a batch is wrapped, and how an issue path names its item. */
export const JSONL_KINDS = {
  segment: {
    path: '/v1/batch',
    wrap: (items: unknown[]) => ({ batch: items }),
    index: /^batch\[(\d+)\]/,
    maxBytes: 400 * 1024,
  },
  receipts: {
    path: '/v1/pos/receipts',
    wrap: (items: unknown[]) => ({ receipts: items }),
    index: /^receipts\[(\d+)\]/,
    maxBytes: 4 * 1024 * 1024,
  },
  ctr: {
    path: '/v1/callcenter/connect/ctr',
    wrap: (items: unknown[]) => items,
    index: /^\[(\d+)\]/,
    maxBytes: 4 * 1024 * 1024,
  },
} as const;

interface Pending {
  line: number;
  value: unknown;
  bytes: number;
}

interface BadLine {
  line: number;
  reason: string;
}

const MAX_LISTED = 100;

/**
 * Reads the file line by line (blank lines skipped) and sends batches; the endpoints
 * are all or nothing, so when one refuses a batch naming its bad items, those lines
 * are reported and the rest of the batch is sent again. Exit 1 when any line was bad.
 */
export async function importJsonl(
  ctx: CommandContext,
  input: { file: string; size: number; kind: keyof typeof JSONL_KINDS; batchSize: number },
) {
  const kind = JSONL_KINDS[input.kind];
  const progress = ctx.progress();
  const bad: BadLine[] = [];
  let badCount = 0;
  let lines = 0;
  let accepted = 0;
  let read = 0;
  const reject = (line: number, reason: string) => {
    badCount++;
    if (bad.length < MAX_LISTED) bad.push({ line, reason });
  };

  const send = async (batch: Pending[]): Promise<void> => {
    if (batch.length === 0) return;
    try {
      await ctx.client.json({
        method: 'POST',
        path: kind.path,
        auth: 'writeKey',
        json: kind.wrap(batch.map((p) => p.value)),
      });
      accepted += batch.length;
    } catch (error) {
      if (!(error instanceof CliError) || error.exitCode !== EXIT.failed) throw error;
      const named = namedItems(error, kind.index);
      const failing = new Set(named.keys());
      if (failing.size === 0 || [...failing].some((i) => i >= batch.length)) {
        // the batch as a whole was refused: try its lines alone, or report the lone one
        if (batch.length === 1) reject(batch[0]!.line, error.message);
        else for (const one of batch) await send([one]);
        return;
      }
      for (const [index, reason] of named) reject(batch[index]!.line, reason);
      await send(batch.filter((_, i) => !failing.has(i)));
    }
  };

  let batch: Pending[] = [];
  let bytes = 0;
  const lineReader = createInterface({ input: createReadStream(input.file), crlfDelay: Infinity });
  try {
    for await (const text of lineReader) {
      lines++;
      read += Buffer.byteLength(text) + 1;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        reject(lines, `not JSON: ${(error as Error).message}`);
        continue;
      }
      const size = Buffer.byteLength(text);
      if (batch.length > 0 && (batch.length >= input.batchSize || bytes + size > kind.maxBytes)) {
        await send(batch);
        batch = [];
        bytes = 0;
      }
      batch.push({ line: lines, value, bytes: size });
      bytes += size;
      progress.update(input.size > 0 ? read / input.size : null, `${lines} lines · ${accepted} accepted`);
    }
    await send(batch);
  } finally {
    lineReader.close();
    progress.done();
  }
  bad.sort((a, b) => a.line - b.line);
  const summary = { file: input.file, kind: input.kind, format: 'jsonl', lines, accepted, bad, badCount };
  ctx.out.result(summary, () =>
    [
      `${input.file}: ${lines} lines, ${accepted} accepted, ${badCount} bad`,
      ...bad.map((b) => `  line ${b.line}: ${b.reason}`),
      ...(badCount > bad.length ? [`  … and ${badCount - bad.length} more`] : []),
    ].join('\n'),
  );
  return badCount > 0 ? EXIT.failed : EXIT.ok;
}

/** Batch index → reason, from a refusal's issue paths (`batch[2].event`). */
function namedItems(error: CliError, pattern: RegExp): Map<number, string> {
  const named = new Map<number, string>();
  const issues = (error.details.issues ?? []) as { path?: string; message?: string }[];
  for (const issue of Array.isArray(issues) ? issues : []) {
    const match = pattern.exec(issue.path ?? '');
    if (!match) continue;
    const index = Number(match[1]);
    const reason = `${issue.path}: ${issue.message}`;
    named.set(index, named.has(index) ? `${named.get(index)}; ${reason}` : reason);
  }
  return named;
}
