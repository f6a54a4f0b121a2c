import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { action, type RunState } from '../context';
import { EXIT, usageError } from '../exit-codes';
import type { Io } from '../io';
import { fields, table } from '../output';

interface Quarantined {
  id: string;
  raw?: string;
  [field: string]: unknown;
}

/** `c360 quarantine list|show|repair|resubmit`: inputs a channel could not accept, kept for repair. */
export function registerQuarantine(program: Command, io: Io, state: RunState): void {
  const quarantine = program
    .command('quarantine')
    .description('inputs the channels could not accept: inspect, repair, re-submit (admin token)');
  quarantine
    .command('list')
    .description('list quarantined inputs (newest first)')
    .addOption(new Option('--status <status>', 'which ones').choices(['open', 'resubmitted', 'all']).default('open'))
    .option('--limit <n>', 'at most this many', '100')
    .action(
      action<{ status: string; limit: string }>(io, state, async ({ client, out }, _args, options) => {
        const answer = await client.json<{ quarantine: Quarantined[] }>({
          path: '/v1/admin/quarantine',
          auth: 'token',
          query: { status: options.status, limit: options.limit },
        });
        out.result(answer, () =>
          table(answer.quarantine, ['id', 'channel', 'adapter', 'reason', 'quarantinedAt', 'status']),
        );
      }),
    );
  quarantine
    .command('show')
    .description('show one quarantined input with its raw text')
    .argument('<id>', 'quarantine id')
    .action(
      action(io, state, async ({ client, out }, [id]) => {
        const record = await client.json<Quarantined>({
          path: `/v1/admin/quarantine/${encodeURIComponent(id!)}`,
          auth: 'token',
        });
        const { raw, rawBase64: _bytes, ...rest } = record;
        out.result(record, () => `${fields(rest)}\n--- raw ---\n${raw ?? ''}`);
      }),
    );
  quarantine
    .command('repair')
    .description('re-submit a quarantined input with repaired raw input read from a file')
    .argument('<id>', 'quarantine id')
    .requiredOption('--file <file>', 'the repaired input (e.g. edited from `show`)')
    .option('--content-type <type>', 'content type of the repaired input (default: the original one)')
    .action(
      action<{ file: string; contentType?: string }>(io, state, async ({ client, out }, [id], options) => {
        let raw: Buffer;
        try {
          raw = await readFile(resolve(io.cwd, options.file));
        } catch (error) {
          throw usageError(`cannot read ${options.file}: ${(error as Error).message}`);
        }
        return resubmit(client, out, id!, { rawBase64: raw.toString('base64'), contentType: options.contentType });
      }),
    );
  quarantine
    .command('resubmit')
    .description('re-submit a quarantined input as it is (e.g. after the cause was fixed)')
    .argument('<id>', 'quarantine id')
    .action(action(io, state, async ({ client, out }, [id]) => resubmit(client, out, id!, {})));
}

async function resubmit(
  client: import('../http').PlatformClient,
  out: import('../output').Output,
  id: string,
  body: Record<string, unknown>,
) {
  const outcome = await client.json<{ status: string; accepted: number; quarantined: number }>({
    method: 'POST',
    path: `/v1/admin/quarantine/${encodeURIComponent(id)}/resubmit`,
    auth: 'token',
    json: body,
  });
  out.result(outcome, () =>
    outcome.status === 'resubmitted'
      ? `re-submitted ${id}: ${outcome.accepted} accepted`
      : `${id} is still quarantined: ${outcome.accepted} accepted, ${outcome.quarantined} quarantined again`,
  );
  return outcome.status === 'resubmitted' ? EXIT.ok : EXIT.failed;
}
