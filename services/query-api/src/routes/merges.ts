import express, { type Router } from 'express';
import { bearerAuth } from '@c360/http';
import { unmergeCustomer } from '@c360/ingestor';
import { explainCustomer } from '../explanation';
import { idempotencyKey, idPath, noQuery, parse, unmergeBody } from '../params';
import { explanationView } from '../views';
import { answer, callerOf, liveCustomer, route, type RouteDeps } from './common';

/** Why identities are one customer, and the admin command that separates them again. */
export function mergeRoutes(router: Router, deps: RouteDeps): void {
  router.get(
    '/v1/customers/:id/merges',
    route(async (request, response) => {
      const { id } = parse(idPath, request.params, 'path');
      parse(noQuery, request.query, 'query');
      const caller = callerOf(response);
      const { liveId, resolvedFrom } = await liveCustomer(deps, request, response, id, '/merges');
      const explanation = explanationView(await explainCustomer(deps.sql, liveId), caller.clear);
      await answer(
        deps,
        request,
        response,
        { customerIds: explanation.members, personal: caller.clear },
        { ...explanation, ...(resolvedFrom ? { resolvedFrom } : {}) },
      );
    }),
  );

  /**
   * Reverts the merge of the customer in the path into its survivor. Idempotent by
   * `Idempotency-Key` (the command id; a new one per request without it). Not
   * merged → 409 `not_merged`; a concurrent change → 409 `concurrency_conflict` (retry).
   */
  router.post(
    '/v1/customers/:id/unmerge',
    bearerAuth(deps.tokens, 'admin'),
    express.json({ limit: '16kb' }),
    route(async (request, response) => {
      const { id } = parse(idPath, request.params, 'path');
      parse(noQuery, request.query, 'query');
      const body = parse(unmergeBody, request.body ?? {}, 'body');
      const commandId = parse(idempotencyKey, request.get('Idempotency-Key'), 'Idempotency-Key') ?? deps.newCommandId();
      const result = await unmergeCustomer(
        { store: deps.store, sealer: deps.keys, ruleVersion: deps.policy.ruleVersion },
        { commandId, absorbedId: id, reason: body.reason },
      );
      await answer(
        deps,
        request,
        response,
        { customerIds: [result.absorbedId, result.survivorId], personal: false },
        {
          ...result,
          commandId,
        },
      );
    }),
  );
}
