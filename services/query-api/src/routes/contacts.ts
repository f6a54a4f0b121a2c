import type { Router } from 'express';
import { readContacts } from '../contacts';
import { CURSOR_PARTS, decodeCursor, encodeCursor, page } from '../cursor';
import { contactsQuery, idPath, parse } from '../params';
import { answer, callerOf, liveCustomer, route, type RouteDeps } from './common';

/** Contact history of the live customer, newest first, filtered and paged by keyset. */
export function contactRoutes(router: Router, deps: RouteDeps): void {
  router.get(
    '/v1/customers/:id/contacts',
    route(async (request, response) => {
      const { id } = parse(idPath, request.params, 'path');
      const query = parse(contactsQuery, request.query, 'query');
      const before = decodeCursor('contacts', query.cursor, [CURSOR_PARTS.instant, CURSOR_PARTS.touchpointId]);
      const caller = callerOf(response);
      const { liveId, resolvedFrom } = await liveCustomer(deps, request, response, id, '/contacts');
      const rows = await readContacts(deps.sql, {
        ownerId: liveId,
        channel: query.channel,
        type: query.type,
        from: query.from,
        to: query.to,
        before: before ? { occurredAt: before[0]!, touchpointId: before[1]! } : null,
        limit: query.limit + 1,
        withDetail: caller.clear,
      });
      const { items, nextCursor } = page(rows, query.limit, (last) =>
        encodeCursor('contacts', [last.occurredAt, last.touchpointId]),
      );
      await answer(
        deps,
        request,
        response,
        { customerIds: [liveId], personal: caller.clear },
        { customerId: liveId, ...(resolvedFrom ? { resolvedFrom } : {}), items, nextCursor },
      );
    }),
  );
}
