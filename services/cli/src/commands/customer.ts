import type { Command } from 'commander';
import { action, type RunState } from '../context';
import type { PlatformClient, RequestOptions } from '../http';
import type { Io } from '../io';
import { fields, table } from '../output';

type Json = Record<string, unknown>;

/** `c360 customer show|history|find`: the query API (a reader, pii_reader or admin token). */
export function registerCustomer(program: Command, io: Io, state: RunState): void {
  const customer = program.command('customer').description('look up customers in the query API (API token)');
  customer
    .command('show')
    .description('the unified profile of a customer, now or as of a past instant')
    .argument('<id>', 'customer id (a merged-away id answers with the customer it is part of)')
    .option('--as-of <iso>', 'the profile as it stood then, folded from the event store (e.g. 2026-03-01T00:00:00Z)')
    .action(
      action<{ asOf?: string }>(io, state, async ({ client, out }, [id], options) => {
        const profile = await client.json<Json>({
          path: `/v1/customers/${encodeURIComponent(id!)}`,
          auth: 'token',
          query: { asOf: options.asOf },
        });
        out.result(profile, () => fields(profile));
      }),
    );
  customer
    .command('history')
    .description("a customer's event history from the event store (or, with --contacts, the contact history)")
    .argument('<id>', 'customer id')
    .option('--contacts', 'contact history (touchpoints, newest first) instead of the events')
    .option('--limit <n>', 'at most this many items', '100')
    .action(
      action<{ contacts?: boolean; limit: string }>(io, state, async ({ client, out }, [id], options) => {
        const limit = Math.max(1, Number(options.limit) || 100);
        const path = `/v1/customers/${encodeURIComponent(id!)}/${options.contacts ? 'contacts' : 'events'}`;
        const { first, items } = await pages(client, { path, auth: 'token' }, limit);
        const document = { ...first, items, nextCursor: undefined };
        out.result(document, () =>
          options.contacts
            ? table(items, ['occurredAt', 'channel', 'type', 'touchpointId'])
            : table(
                items.map((e) => ({ ...e, causation: (e.metadata as Json | undefined)?.causationId })),
                ['globalPosition', 'recordedAt', 'type', 'customerId', 'causation'],
              ),
        );
      }),
    );
  customer
    .command('find')
    .description('search profiles by name, e-mail or other text, or look one up by an identifier with --by')
    .argument('<query>', 'search text (at least 2 characters), or the identifier value with --by')
    .option('--by <type>', 'identifier type to look up exactly (email, phone, user_id, loyalty_id, …)')
    .option('--limit <n>', 'at most this many hits', '20')
    .action(
      action<{ by?: string; limit: string }>(io, state, async ({ client, out }, [query], options) => {
        if (options.by) {
          const profile = await client.json<Json>({
            path: '/v1/customers/lookup',
            auth: 'token',
            query: { type: options.by, value: query },
          });
          out.result(profile, () => fields(profile));
          return;
        }
        const limit = Math.max(1, Number(options.limit) || 20);
        const { items } = await pages(client, { path: '/v1/customers', auth: 'token', query: { q: query } }, limit);
        out.result({ items }, () =>
          table(
            items.map((p) => ({
              ...p,
              identifiers: ((p.identifiers as { type: string; value: string }[] | undefined) ?? [])
                .map((i) => `${i.type}:${i.value}`)
                .join(' '),
            })),
            ['customerId', 'displayName', 'identifiers', 'lastSeenAt', 'touchpointCount'],
          ),
        );
      }),
    );
}

/** Follows `nextCursor` until `limit` items (pages of at most 200, the API's maximum). */
async function pages(client: PlatformClient, request: RequestOptions, limit: number) {
  const items: Json[] = [];
  let first: Json | undefined;
  let cursor: string | undefined;
  do {
    const page = await client.json<Json & { items: Json[]; nextCursor?: string | null }>({
      ...request,
      query: { ...request.query, cursor, limit: Math.min(200, limit - items.length) },
    });
    first ??= page;
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < limit);
  return { first: first!, items };
}
