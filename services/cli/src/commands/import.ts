import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { action, type RunState } from '../context';
import { usageError } from '../exit-codes';
import type { Io } from '../io';
import { importCsv } from './import-csv';
import { importJsonl, JSONL_KINDS } from './import-jsonl';

const CSV_PATHS = { calls: '/v1/callcenter/calls.csv', receipts: '/v1/pos/receipts.csv' } as const;
const KINDS = ['calls', 'receipts', 'segment', 'ctr'] as const;
type Kind = (typeof KINDS)[number];

/**
 * `c360 import <file> --kind …`: CSV files are streamed as the request body to the
 * channel's CSV import endpoint (never read whole); JSONL files are read line by line
 * and sent in batches to the channel's JSON endpoint. Both authenticate with the write
 * key of a source of that channel.
 */
export function registerImport(program: Command, io: Io, state: RunState): void {
  program
    .command('import')
    .description('import a file of touchpoints through a channel (write key of that channel)')
    .argument('<file>', 'a .csv file, or a .jsonl file (one JSON document a line)')
    .addOption(
      new Option(
        '--kind <kind>',
        'calls (CSV call records), receipts (CSV or JSONL till receipts), segment (JSONL Segment calls), ctr (JSONL Amazon Connect CTRs)',
      )
        .choices(KINDS)
        .makeOptionMandatory(),
    )
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'jsonl']))
    .option('--batch-size <n>', 'JSONL: documents per request', '100')
    .action(
      action<{ kind: Kind; format?: 'csv' | 'jsonl'; batchSize: string }>(io, state, async (ctx, [file], options) => {
        const path = resolve(io.cwd, file!);
        const size = await stat(path).then(
          (s) => (s.isFile() ? s.size : null),
          () => null,
        );
        if (size === null) throw usageError(`no such file: ${file}`);
        const format = options.format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
        if (format === 'csv') {
          if (!(options.kind in CSV_PATHS))
            throw usageError(`--kind ${options.kind} has no CSV import; use a .jsonl file`);
          return importCsv(ctx, { file: path, size, kind: options.kind, endpoint: CSV_PATHS[options.kind as 'calls'] });
        }
        if (!(options.kind in JSONL_KINDS))
          throw usageError(`--kind ${options.kind} has no JSONL import; use a .csv file`);
        const batchSize = Number(options.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1)
          throw usageError('--batch-size must be a positive whole number');
        return importJsonl(ctx, { file: path, size, kind: options.kind as keyof typeof JSONL_KINDS, batchSize });
      }),
    );
}
