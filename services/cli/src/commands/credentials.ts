import { Option, type Command } from 'commander';
import { action, type RunState } from '../context';
import type { Io } from '../io';
import { fields, table } from '../output';

const CHANNELS = ['web', 'email', 'pos', 'call_center'];
const ROLES = ['reader', 'pii_reader', 'admin'];

interface Listed {
  id: string;
  name: string;
  revokedAt?: string | null;
  [field: string]: unknown;
}

/** `c360 keys …` (source write keys) and `c360 tokens …` (API tokens): list, create (the secret is shown once), revoke. */
export function registerCredentials(program: Command, io: Io, state: RunState): void {
  const keys = program.command('keys').description('source write keys of the channels (admin token)');
  keys
    .command('list')
    .description('list source keys (never their secrets)')
    .action(
      action(io, state, async ({ client, out }) => {
        const answer = await client.json<{ sourceKeys: Listed[] }>({ path: '/v1/admin/source-keys', auth: 'token' });
        out.result(answer, () => table(answer.sourceKeys, ['id', 'name', 'channel', 'createdAt', 'revokedAt']));
      }),
    );
  keys
    .command('create')
    .description('create a write key for one channel; the key is printed once')
    .addOption(new Option('--channel <channel>', 'channel of the source').choices(CHANNELS).makeOptionMandatory())
    .requiredOption('--name <name>', 'a name to recognise the source by')
    .action(
      action<{ channel: string; name: string }>(io, state, async ({ client, out }, _args, options) => {
        const created = await client.json<Listed & { writeKey: string }>({
          method: 'POST',
          path: '/v1/admin/source-keys',
          auth: 'token',
          json: { name: options.name, channel: options.channel },
        });
        out.result(created, () => `${fields(created)}\n\nThe write key is shown only now: keep it.`);
      }),
    );
  keys
    .command('revoke')
    .description('revoke a source key (its write key is refused from then on)')
    .argument('<id>', 'source key id')
    .action(
      action(io, state, async ({ client, out }, [id]) => {
        await client.json({
          method: 'DELETE',
          path: `/v1/admin/source-keys/${encodeURIComponent(id!)}`,
          auth: 'token',
        });
        out.result({ id, revoked: true }, () => `revoked source key ${id}`);
      }),
    );

  const tokens = program.command('tokens').description('API tokens of the query and admin APIs (admin token)');
  tokens
    .command('list')
    .description('list API tokens (never their secrets)')
    .action(
      action(io, state, async ({ client, out }) => {
        const answer = await client.json<{ apiTokens: Listed[] }>({ path: '/v1/admin/api-tokens', auth: 'token' });
        out.result(answer, () => table(answer.apiTokens, ['id', 'name', 'role', 'createdAt', 'revokedAt']));
      }),
    );
  tokens
    .command('create')
    .description('create an API token; the token is printed once')
    .addOption(new Option('--role <role>', 'what it may read or do').choices(ROLES).makeOptionMandatory())
    .requiredOption('--name <name>', 'a name to recognise the token by')
    .action(
      action<{ role: string; name: string }>(io, state, async ({ client, out }, _args, options) => {
        const created = await client.json<Listed & { token: string }>({
          method: 'POST',
          path: '/v1/admin/api-tokens',
          auth: 'token',
          json: { name: options.name, role: options.role },
        });
        out.result(created, () => `${fields(created)}\n\nThe token is shown only now: keep it.`);
      }),
    );
  tokens
    .command('revoke')
    .description('revoke an API token')
    .argument('<id>', 'token id')
    .action(
      action(io, state, async ({ client, out }, [id]) => {
        await client.json({ method: 'DELETE', path: `/v1/admin/api-tokens/${encodeURIComponent(id!)}`, auth: 'token' });
        out.result({ id, revoked: true }, () => `revoked API token ${id}`);
      }),
    );
}
