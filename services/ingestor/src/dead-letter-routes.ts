import express, { type Router } from 'express';
import type { ApiTokenStore } from '@c360/auth';
import type { Bus } from '@c360/bus';
import { ValidationError } from '@c360/errors';
import { bearerAuth } from '@c360/http';
import type { ArchivedDeadLetter, DeadLetterArchive, DeadLetterStatus } from './dead-letter-archive';

const asyncRoute =
  (handler: express.RequestHandler): express.RequestHandler =>
  (request, response, next) =>
    Promise.resolve(handler(request, response, next)).catch(next);

const view = (l: ArchivedDeadLetter, withValue: boolean) => ({
  id: l.id,
  origin: l.origin,
  key: l.key,
  size: l.value.length,
  error: l.error,
  code: l.code,
  stage: l.stage,
  deadAt: l.deadAt,
  archivedAt: l.archivedAt,
  status: l.retriedAt ? 'retried' : 'open',
  retriedAt: l.retriedAt,
  retries: l.retries,
  ...(withValue ? { headers: l.headers, valueBase64: l.value.toString('base64') } : {}),
});

const STATUSES: readonly DeadLetterStatus[] = ['open', 'retried', 'all'];

/**
 * Admin endpoints of the dead-letter archive (bearer token with role `admin`):
 * `GET /v1/admin/dead-letters?status=open|retried|all&after=<id>&limit=` (oldest
 * first, without the bytes), `GET /v1/admin/dead-letters/:id` (with headers and the
 * original bytes in base64), and `POST /v1/admin/dead-letters/:id/retry` (body or
 * query `force`), which republishes the original message to the touchpoint topic.
 */
export function deadLetterAdminRoutes(deps: {
  archive: DeadLetterArchive;
  bus: Bus;
  tokens: ApiTokenStore;
  topics: { touchpoints: string };
}): Router {
  const router = express.Router();
  router.use('/v1/admin/dead-letters', bearerAuth(deps.tokens, 'admin'), express.json({ limit: '16kb' }));

  router.get(
    '/v1/admin/dead-letters',
    asyncRoute(async (request, response) => {
      const status = (request.query.status ?? 'open') as DeadLetterStatus;
      if (!STATUSES.includes(status)) throw ValidationError.forPath('status', `must be one of ${STATUSES.join(', ')}`);
      const limit = Number(request.query.limit ?? 100) || 100;
      const after = typeof request.query.after === 'string' ? request.query.after : undefined;
      const letters = await deps.archive.list({ status, after, limit });
      response.json({
        deadLetters: letters.map((l) => view(l, false)),
        nextAfter: letters.length === Math.min(Math.max(limit, 1), 1_000) ? (letters.at(-1)?.id ?? null) : null,
      });
    }),
  );
  router.get(
    '/v1/admin/dead-letters/:id',
    asyncRoute(async (request, response) => {
      response.json(view(await deps.archive.get(String(request.params.id)), true));
    }),
  );
  router.post(
    '/v1/admin/dead-letters/:id/retry',
    asyncRoute(async (request, response) => {
      const force = (request.body as { force?: unknown } | undefined)?.force === true || request.query.force === 'true';
      const retried = await deps.archive.retry(String(request.params.id), {
        bus: deps.bus,
        topic: deps.topics.touchpoints,
        force,
      });
      response.json({ ...view(retried, false), republishedTo: deps.topics.touchpoints });
    }),
  );
  return router;
}
