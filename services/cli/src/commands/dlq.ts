import { Option, type Command } from 'commander';
import { action, type RunState } from '../context';
import { CliError, EXIT, usageError } from '../exit-codes';
import type { PlatformClient } from '../http';
import type { Io } from '../io';
import { fields, table } from '../output';

interface Letter {
  id: string;
  origin: { topic: string; partition: number; offset: string };
  valueBase64?: string;
  [field: string]: unknown;
}

const COLUMNS = ['id', 'origin', 'code', 'stage', 'error', 'deadAt', 'status'];
const row = (l: Letter) => ({
  ...l,
  origin: `${l.origin.topic}/${l.origin.partition}@${l.origin.offset}`,
  error: String(l.error).slice(0, 60),
});

/** `c360 dlq list|show|retry`: the dead-letter archive of the ingestor. */
export function registerDlq(program: Command, io: Io, state: RunState): void {
  const dlq = program
    .command('dlq')
    .description('touchpoints the ingestor gave up on (dead letters): inspect and retry (admin token)');
  dlq
    .command('list')
    .description('list dead letters, oldest first')
    .addOption(new Option('--status <status>', 'which ones').choices(['open', 'retried', 'all']).default('open'))
    .option('--limit <n>', 'at most this many', '100')
    .action(
      action<{ status: string; limit: string }>(io, state, async ({ client, out }, _args, options) => {
        const answer = await client.json<{ deadLetters: Letter[] }>({
          path: '/v1/admin/dead-letters',
          auth: 'token',
          query: { status: options.status, limit: options.limit },
        });
        out.result(answer, () => table(answer.deadLetters.map(row), COLUMNS));
      }),
    );
  dlq
    .command('show')
    .description('show one dead letter with its headers and original bytes')
    .argument('<id>', 'dead letter id')
    .action(
      action(io, state, async ({ client, out }, [id]) => {
        const letter = await client.json<Letter>({
          path: `/v1/admin/dead-letters/${encodeURIComponent(id!)}`,
          auth: 'token',
        });
        const { valueBase64, ...rest } = letter;
        const bytes = Buffer.from(valueBase64 ?? '', 'base64');
        out.result(letter, () => `${fields(rest)}\n--- value (${bytes.length} bytes, hex) ---\n${hexDump(bytes)}`);
      }),
    );
  dlq
    .command('retry')
    .description('republish dead letters to the touchpoint topic (each once, unless --force)')
    .argument('[id]', 'dead letter id')
    .option('--all', 'every open dead letter')
    .option('--force', 'retry even if it was retried before')
    .action(
      action<{ all?: boolean; force?: boolean }>(io, state, async (ctx, [id], options) => {
        if (Boolean(id) === Boolean(options.all)) throw usageError('give either a dead letter id or --all');
        const ids = id ? [id] : await openIds(ctx.client);
        const progress = ctx.progress();
        const retried: string[] = [];
        const failed: { id: string; code: string; message: string }[] = [];
        for (const [index, one] of ids.entries()) {
          try {
            await ctx.client.json({
              method: 'POST',
              path: `/v1/admin/dead-letters/${encodeURIComponent(one)}/retry`,
              auth: 'token',
              json: { force: options.force === true },
            });
            retried.push(one);
          } catch (error) {
            // a lone retry reports its own error; with --all, an unreachable platform ends the run
            if (!(error instanceof CliError) || ids.length === 1 || error.exitCode !== EXIT.failed) throw error;
            failed.push({ id: one, code: error.code, message: error.message });
          }
          progress.update((index + 1) / ids.length, `${index + 1}/${ids.length} dead letters`);
        }
        progress.done();
        ctx.out.result({ retried, failed }, () =>
          [
            `retried ${retried.length} dead letter(s)${retried.length ? `: ${retried.join(', ')}` : ''}`,
            ...failed.map((f) => `not retried ${f.id}: ${f.message}`),
          ].join('\n'),
        );
        return failed.length > 0 ? EXIT.failed : EXIT.ok;
      }),
    );
}

async function openIds(client: PlatformClient): Promise<string[]> {
  const ids: string[] = [];
  for (let after: string | null = null; ;) {
    const page: { deadLetters: Letter[]; nextAfter: string | null } = await client.json({
      path: '/v1/admin/dead-letters',
      auth: 'token',
      query: { status: 'open', limit: 1000, after: after ?? undefined },
    });
    ids.push(...page.deadLetters.map((l) => l.id));
    if (!page.nextAfter) return ids;
    after = page.nextAfter;
  }
}

function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(bytes.length, 512); i += 16) {
    const slice = bytes.subarray(i, i + 16);
    const hex = [...slice].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = [...slice].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${i.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  ${text}`);
  }
  if (bytes.length > 512) lines.push(`… ${bytes.length - 512} more bytes (--json has them all)`);
  return lines.join('\n');
}
