import express, { type Router } from 'express';
import { NotFoundError, ValidationError } from '@c360/errors';
import {
  ROLES,
  SOURCE_CHANNELS,
  type ApiTokenStore,
  type Role,
  type SourceChannel,
  type SourceKeyStore,
} from '@c360/auth';
import { bearerAuth } from '@c360/http';
import type { AdapterContext, ChannelAdapter } from './adapter';
import type { QuarantineStore } from './quarantine-store';

const asyncRoute =
  (handler: express.RequestHandler): express.RequestHandler =>
  (request, response, next) =>
    Promise.resolve(handler(request, response, next)).catch(next);

/**
 * Admin endpoints of the collector (bearer token with role `admin`): source keys
 * and API tokens create / list / revoke (a secret is shown once, at creation), and
 * the quarantine: list, show, re-submit (optionally with repaired raw input).
 */
export function adminRoutes(deps: {
  tokens: ApiTokenStore;
  sourceKeys: SourceKeyStore;
  quarantine: QuarantineStore;
  adapters: readonly ChannelAdapter[];
  context: AdapterContext;
}): Router {
  const router = express.Router();
  router.use('/v1/admin', bearerAuth(deps.tokens, 'admin'), express.json({ limit: '6mb' }));

  router.get(
    '/v1/admin/source-keys',
    asyncRoute(async (_request, response) => {
      response.json({ sourceKeys: await deps.sourceKeys.list() });
    }),
  );
  router.post(
    '/v1/admin/source-keys',
    asyncRoute(async (request, response) => {
      const { name, channel } = (request.body ?? {}) as { name?: unknown; channel?: unknown };
      if (typeof name !== 'string') throw ValidationError.forPath('name', 'is required');
      if (!SOURCE_CHANNELS.includes(channel as SourceChannel)) {
        throw ValidationError.forPath('channel', `must be one of ${SOURCE_CHANNELS.join(', ')}`);
      }
      const created = await deps.sourceKeys.create({ name, channel: channel as SourceChannel });
      response.status(201).json({ ...created.key, writeKey: created.writeKey });
    }),
  );
  router.delete(
    '/v1/admin/source-keys/:id',
    asyncRoute(async (request, response) => {
      await deps.sourceKeys.revoke(String(request.params.id));
      response.status(204).end();
    }),
  );

  router.get(
    '/v1/admin/api-tokens',
    asyncRoute(async (_request, response) => {
      response.json({ apiTokens: await deps.tokens.list() });
    }),
  );
  router.post(
    '/v1/admin/api-tokens',
    asyncRoute(async (request, response) => {
      const { name, role } = (request.body ?? {}) as { name?: unknown; role?: unknown };
      if (typeof name !== 'string' || name.trim() === '') throw ValidationError.forPath('name', 'is required');
      if (!ROLES.includes(role as Role)) throw ValidationError.forPath('role', `must be one of ${ROLES.join(', ')}`);
      const created = await deps.tokens.create({ name, role: role as Role });
      response.status(201).json({ ...created.token, token: created.secret });
    }),
  );
  router.delete(
    '/v1/admin/api-tokens/:id',
    asyncRoute(async (request, response) => {
      await deps.tokens.revoke(String(request.params.id));
      response.status(204).end();
    }),
  );

  const view = (r: Awaited<ReturnType<QuarantineStore['get']>>, withRaw: boolean) => ({
    id: r.id,
    adapter: r.adapter,
    channel: r.channel,
    sourceKeyId: r.sourceKeyId,
    reason: r.reason,
    issues: r.issues,
    contentType: r.contentType,
    rawSha256: r.rawSha256,
    quarantinedAt: r.quarantinedAt,
    status: r.status,
    resubmittedAt: r.resubmittedAt,
    ...(withRaw ? { raw: r.raw.toString('utf8'), rawBase64: r.raw.toString('base64') } : {}),
  });
  router.get(
    '/v1/admin/quarantine',
    asyncRoute(async (request, response) => {
      const status =
        request.query.status === 'resubmitted' ? 'resubmitted' : request.query.status === 'all' ? undefined : 'open';
      const records = await deps.quarantine.list({ status, limit: Number(request.query.limit ?? 100) || 100 });
      response.json({ quarantine: records.map((r) => view(r, false)) });
    }),
  );
  router.get(
    '/v1/admin/quarantine/:id',
    asyncRoute(async (request, response) => {
      response.json(view(await deps.quarantine.get(String(request.params.id)), true));
    }),
  );
  router.post(
    '/v1/admin/quarantine/:id/resubmit',
    asyncRoute(async (request, response) => {
      const record = await deps.quarantine.get(String(request.params.id));
      const adapter = deps.adapters.find((a) => a.name === record.adapter);
      if (!adapter?.reprocess) throw new NotFoundError(`adapter ${record.adapter} cannot re-process input`);
      const source = (await deps.sourceKeys.list()).find((k) => k.id === record.sourceKeyId);
      if (!source) throw new NotFoundError(`source key ${record.sourceKeyId} no longer exists`);
      const body = (request.body ?? {}) as { raw?: unknown; rawBase64?: unknown; contentType?: unknown };
      const raw =
        typeof body.rawBase64 === 'string'
          ? Buffer.from(body.rawBase64, 'base64')
          : typeof body.raw === 'string'
            ? Buffer.from(body.raw, 'utf8')
            : record.raw;
      const contentType = typeof body.contentType === 'string' ? body.contentType : record.contentType;
      const outcome = await adapter.reprocess({ source, contentType, raw }, deps.context);
      if (outcome.quarantined === 0) await deps.quarantine.markResubmitted(record.id);
      response.json({ id: record.id, ...outcome, status: outcome.quarantined === 0 ? 'resubmitted' : 'open' });
    }),
  );
  return router;
}
