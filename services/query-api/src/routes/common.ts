import type { Request, RequestHandler, Response } from 'express';
import type { ApiTokenStore } from '@c360/auth';
import { NotFoundError } from '@c360/errors';
import type { EventStore } from '@c360/event-store';
import type { IdentityPolicy, Sealer } from '@c360/identity';
import type { Sql } from '@c360/sql';
import type { PopulationThresholds } from '@c360/traits';
import { callerOf, type AccessLog, type Caller } from '../access-log';
import { resolveLive } from '../profiles';

/** What the query API needs of the keyring: keyed identifier hashes and opening sealed values. */
export interface QueryKeys extends Sealer {
  identifierHash(type: string, value: string): string;
}

/** Everything the routes share, with defaults filled in. */
export interface RouteDeps {
  sql: Sql;
  store: EventStore;
  keys: QueryKeys;
  tokens: ApiTokenStore;
  accessLog: AccessLog;
  policy: IdentityPolicy;
  now: () => Date;
  newCommandId: () => string;
  /** Value-tier and RFM cut-offs of the current population (cached). */
  population: () => Promise<PopulationThresholds>;
}

export const route =
  (handler: (request: Request, response: Response) => Promise<void>): RequestHandler =>
  (request, response, next) =>
    handler(request, response).catch(next);

/**
 * The live customer an id stands for now (read models). An absorbed id resolves to
 * its survivor: the answer says `resolvedFrom` and carries `Content-Location`.
 * Unknown → NotFoundError `not_found`.
 */
export async function liveCustomer(
  deps: RouteDeps,
  request: Request,
  response: Response,
  askedId: string,
  suffix = '',
): Promise<{ liveId: string; resolvedFrom?: string }> {
  const liveId = await resolveLive(deps.sql, askedId);
  if (!liveId) throw new NotFoundError(`no customer ${askedId}`, { details: { customerId: askedId } });
  return resolved(request, response, askedId, liveId, suffix);
}

/** Marks an answer given for another customer than asked: `resolvedFrom` and `Content-Location`. */
export function resolved(
  request: Request,
  response: Response,
  askedId: string,
  liveId: string,
  suffix = '',
): { liveId: string; resolvedFrom?: string } {
  if (liveId === askedId) return { liveId };
  response.setHeader('Content-Location', `${request.baseUrl}/v1/customers/${liveId}${suffix}`);
  return { liveId, resolvedFrom: askedId };
}

/** Logs the access (see access-log.ts), then answers `body` as JSON; nothing is sent when logging fails. */
export async function answer(
  deps: RouteDeps,
  request: Request,
  response: Response,
  access: { customerIds: readonly string[]; personal: boolean },
  body: unknown,
): Promise<void> {
  await deps.accessLog.record(request, callerOf(response), access);
  response.json(body);
}

export { callerOf, type Caller };
