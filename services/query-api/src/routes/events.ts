import type { Router } from 'express';
import { NotFoundError } from '@c360/errors';
import { customerIdOf, openCustomerEvent, storedCustomerEvent } from '@c360/identity';
import { membershipAt } from '../as-of';
import { CURSOR_PARTS, decodeCursor, encodeCursor, page } from '../cursor';
import { loadLinkedStreams, timedStreams } from '../history';
import { eventsQuery, idPath, parse } from '../params';
import { eventView } from '../views';
import { answer, callerOf, resolved, route, type RouteDeps } from './common';

/**
 * The raw event history of a customer, read from the event store (not the read
 * models): the live customer's stream and the streams of the customers absorbed
 * into it, merged in global position order, each event opened with the keyring.
 */
export function eventRoutes(router: Router, deps: RouteDeps): void {
  router.get(
    '/v1/customers/:id/events',
    route(async (request, response) => {
      const { id } = parse(idPath, request.params, 'path');
      const query = parse(eventsQuery, request.query, 'query');
      const after = decodeCursor('events', query.cursor, [CURSOR_PARTS.position])?.[0];
      const caller = callerOf(response);

      const streams = await loadLinkedStreams(deps.store, id);
      const membership = membershipAt(id, timedStreams(streams), null);
      if (!membership) throw new NotFoundError(`no customer ${id}`, { details: { customerId: id } });
      const { liveId, resolvedFrom } = resolved(request, response, id, membership.liveId, '/events');
      const from = after === undefined ? -1n : BigInt(after);
      const history = membership.members
        .flatMap((member) => streams.get(member) ?? [])
        .filter((recorded) => recorded.globalPosition > from && storedCustomerEvent(recorded) !== null)
        .sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
      const { items, nextCursor } = page(history.slice(0, query.limit + 1), query.limit, (last) =>
        encodeCursor('events', [String(last.globalPosition)]),
      );
      const views = await Promise.all(
        items.map(async (recorded) => {
          const customerId = customerIdOf(recorded.streamId)!;
          const opened = await openCustomerEvent(customerId, storedCustomerEvent(recorded)!, deps.keys);
          return { customerId, ...eventView(recorded, opened, caller.clear) };
        }),
      );
      await answer(
        deps,
        request,
        response,
        { customerIds: [liveId], personal: caller.clear },
        {
          customerId: liveId,
          ...(resolvedFrom ? { resolvedFrom } : {}),
          members: membership.members,
          items: views,
          nextCursor,
        },
      );
    }),
  );
}
