import type { Request, Response, Router } from 'express';
import { NotFoundError } from '@c360/errors';
import { normaliseIdentifier } from '@c360/identity';
import { foldProfileAsOf, membershipAt } from '../as-of';
import { CURSOR_PARTS, decodeCursor, encodeCursor, page } from '../cursor';
import { loadLinkedStreams, openStreams, timedStreams } from '../history';
import { idPath, invalidParameter, lookupQuery, parse, profileQuery, searchQuery } from '../params';
import { ownerOfIdentifier, readProfile, searchProfiles, type Profile } from '../profiles';
import { profileView, summaryView } from '../views';
import { answer, callerOf, resolved, route, type RouteDeps } from './common';

/** Search, lookup by identifier, and the profile (now, from the read models; or as of an instant, from the events). */
export function customerRoutes(router: Router, deps: RouteDeps): void {
  router.get(
    '/v1/customers',
    route(async (request, response) => {
      const query = parse(searchQuery, request.query, 'query');
      const after = decodeCursor('customers', query.cursor, [CURSOR_PARTS.customerId])?.[0] ?? null;
      const caller = callerOf(response);
      const rows = await searchProfiles(deps.sql, { q: query.q, after, limit: query.limit + 1 });
      const { items, nextCursor } = page(rows, query.limit, (last) => encodeCursor('customers', [last.customerId]));
      await answer(
        deps,
        request,
        response,
        { customerIds: items.map((p) => p.customerId), personal: caller.clear },
        { items: items.map((p) => summaryView(p, caller.clear)), nextCursor },
      );
    }),
  );

  router.get(
    '/v1/customers/lookup',
    route(async (request, response) => {
      const query = parse(lookupQuery, request.query, 'query');
      const normalised = normaliseIdentifier({ type: query.type, value: query.value }, deps.policy);
      if (normalised.status === 'invalid') throw invalidParameter('value', normalised.reason);
      const hash = deps.keys.identifierHash(normalised.type, normalised.value);
      const owner = await ownerOfIdentifier(deps.sql, normalised.type, hash);
      const profile = owner ? await readProfile(deps.sql, owner, deps.now(), await deps.population()) : null;
      if (!profile) throw new NotFoundError(`no customer holds this ${query.type}`);
      await sendProfile(deps, request, response, profile);
    }),
  );

  router.get(
    '/v1/customers/:id',
    route(async (request, response) => {
      const { id } = parse(idPath, request.params, 'path');
      const { asOf } = parse(profileQuery, request.query, 'query');
      if (asOf) {
        await sendProfileAsOf(deps, request, response, id, asOf);
        return;
      }
      const profile = await readProfile(deps.sql, id, deps.now(), await deps.population());
      if (!profile) throw new NotFoundError(`no customer ${id}`, { details: { customerId: id } });
      const { resolvedFrom } = resolved(request, response, id, profile.customerId);
      await sendProfile(deps, request, response, profile, resolvedFrom);
    }),
  );
}

async function sendProfile(
  deps: RouteDeps,
  request: Request,
  response: Response,
  profile: Profile,
  resolvedFrom?: string,
): Promise<void> {
  const caller = callerOf(response);
  const body = { ...profileView(profile, caller.clear), ...(resolvedFrom ? { resolvedFrom } : {}) };
  await answer(deps, request, response, { customerIds: [profile.customerId], personal: caller.clear }, body);
}

/** The profile folded from the event store as it stood at `asOf` (merges as of then). */
async function sendProfileAsOf(
  deps: RouteDeps,
  request: Request,
  response: Response,
  askedId: string,
  asOf: Date,
): Promise<void> {
  const streams = timedStreams(await loadLinkedStreams(deps.store, askedId));
  const membership = membershipAt(askedId, streams, asOf);
  if (!membership) throw new NotFoundError(`no customer ${askedId} as of ${asOf.toISOString()}`);
  const known = (id: string) => (streams.get(id) ?? []).filter((timed) => timed.recordedAt <= asOf);
  const members = new Map(membership.members.map((id) => [id, known(id)]));
  const opened = await openStreams(members, deps.keys);
  const profile = foldProfileAsOf({ askedId, streams: opened, asOf });
  if (!profile) throw new NotFoundError(`no customer ${askedId} as of ${asOf.toISOString()}`);
  const { resolvedFrom } = resolved(request, response, askedId, profile.customerId, `?asOf=${asOf.toISOString()}`);
  const caller = callerOf(response);
  await answer(
    deps,
    request,
    response,
    { customerIds: [profile.customerId], personal: caller.clear },
    { ...profileView(profile, caller.clear), asOf: asOf.toISOString(), ...(resolvedFrom ? { resolvedFrom } : {}) },
  );
}
