import type { Command } from 'commander';
import { action, type CommandContext, type RunState } from '../context';
import { CliError, EXIT } from '../exit-codes';
import { ndjsonLines } from '../http';
import type { Io } from '../io';
import { table } from '../output';

interface Difference {
  table: string;
  onlyLive: number;
  onlyRebuilt: number;
  examples: unknown[];
}

/** `c360 projections rebuild|verify`: replays the event store into the read models, over the admin API. */
export function registerProjections(program: Command, io: Io, state: RunState): void {
  const projections = program
    .command('projections')
    .description('rebuild or verify the read models from the event store (admin token)');
  projections
    .command('rebuild')
    .description('replay every event into new tables and swap them in (readers never see a half-built state)')
    .action(action(io, state, (ctx) => runJob(ctx, 'rebuild')));
  projections
    .command('verify')
    .description('replay every event into shadow tables and compare them with the live ones; exit 1 on a difference')
    .action(action(io, state, (ctx) => runJob(ctx, 'verify')));
}

async function runJob(ctx: CommandContext, job: 'rebuild' | 'verify') {
  const response = await ctx.client.send({
    method: 'POST',
    path: `/v1/admin/projections/${job}`,
    auth: 'token',
    accept: 'application/x-ndjson',
  });
  const progress = ctx.progress();
  let last: Record<string, unknown> | undefined;
  try {
    for await (const line of ndjsonLines(response)) {
      last = line;
      if (line.type === 'progress')
        progress.update(null, `${job}: ${line.events} events replayed (position ${line.position})`);
    }
  } finally {
    progress.done();
  }
  if (!last || last.type === 'error' || last.type !== 'done') {
    throw new CliError(`${job} failed: ${String(last?.message ?? 'the platform ended the answer early')}`, {
      exitCode: EXIT.failed,
      code: typeof last?.code === 'string' ? last.code : 'incomplete_answer',
    });
  }
  const { type: _type, ...result } = last;
  if (job === 'rebuild') {
    ctx.out.result(
      result,
      () => `rebuilt the read models: ${result.events} events replayed up to position ${result.position}`,
    );
    return EXIT.ok;
  }
  const differences = (result.differences ?? []) as Difference[];
  ctx.out.result(result, () =>
    differences.length === 0
      ? `verified: the read models equal a replay of the event store up to position ${result.position} (0 differences)`
      : `${differences.length} table(s) differ from a replay up to position ${result.position}:\n${table(
          differences.map((d) => ({ ...d, examples: JSON.stringify(d.examples).slice(0, 80) })),
          ['table', 'onlyLive', 'onlyRebuilt', 'examples'],
        )}`,
  );
  return differences.length === 0 ? EXIT.ok : EXIT.failed;
}
