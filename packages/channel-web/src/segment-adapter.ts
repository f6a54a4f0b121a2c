import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { AdapterContext, ChannelAdapter } from '@c360/channels';
import { C360Error } from '@c360/errors';
import { statusOf, writeKeyAuth } from '@c360/http';
import { SOURCE_SYSTEM_PATTERN } from '@c360/touchpoint';
import { allowOrigin, preflight } from './cors';
import { callCount, touchpointsOf } from './handle';
import { SEGMENT_ROUTES, type SegmentRoute } from './routes';

export interface SegmentAdapterOptions {
  /**
   * `source.system` of every touchpoint — part of its id; default `segment`. Give each site
   * its own when their messageIds could collide (they are UUIDs in every Segment library).
   */
  system?: string;
}

export const SEGMENT_ADAPTER_NAME = 'segment-http';
export const SEGMENT_ADAPTER_VERSION = '1.0.0';

/**
 * The web channel: Segment's HTTP Tracking API, so analytics.js, analytics-node and any
 * Segment library send here unchanged (`host` / `apiHost` pointed at the collector).
 * Each route: CORS → JSON body whatever the Content-Type (analytics.js sends `text/plain`)
 * up to 32 KB per call or 500 KB per batch, refused from Content-Length before reading
 * (413 `payload_too_large`) → write key (HTTP Basic user, or `writeKey` in the body) →
 * every call checked and mapped → `intake.accept`. Answers:
 * - 200 `{"success": true}` (Segment's answer) only once the bus holds every touchpoint;
 * - 400 `invalid_json` / `validation_failed` naming each bad path, nothing published;
 * - 413 `payload_too_large` (Segment itself answers 400; 413 says which limit, and both are
 *   final for Segment's libraries — neither retries a 4xx other than 408/410/429/460);
 * - 401 without a known write key, 403 for a key of another channel;
 * - 5xx when the bus fails: the libraries retry with the same messageIds → same ids.
 * Every 4xx counts the request's calls as rejected on the `web` channel.
 */
export function segmentAdapter(options: SegmentAdapterOptions = {}): ChannelAdapter {
  const system = options.system ?? 'segment';
  if (!SOURCE_SYSTEM_PATTERN.test(system)) {
    throw new Error(`segmentAdapter: system ${JSON.stringify(system)} must match ${SOURCE_SYSTEM_PATTERN}`);
  }
  const map = { system, adapter: SEGMENT_ADAPTER_NAME, adapterVersion: SEGMENT_ADAPTER_VERSION };

  const accept =
    (route: SegmentRoute, context: AdapterContext): RequestHandler =>
    async (request, response) => {
      const touchpoints = touchpointsOf(request.body, {
        kind: route.kind,
        map: { ...map, requestIp: request.ip ?? null },
        receivedAt: context.now().getTime(),
      });
      await context.intake.accept(touchpoints, {
        pathPrefix: (index) => (route.kind === 'batch' ? `batch[${index}]` : '(call)'),
      });
      response.status(200).json({ success: true });
    };

  const countRejects =
    (context: AdapterContext): ErrorRequestHandler =>
    (error: unknown, request, _response, next) => {
      const status = error instanceof C360Error ? statusOf(error) : ((error as { status?: number }).status ?? 500);
      if (status >= 400 && status < 500) context.intake.rejected('web', callCount(request));
      next(error);
    };

  return {
    name: SEGMENT_ADAPTER_NAME,
    version: SEGMENT_ADAPTER_VERSION,
    channel: 'web',
    mount(router, context) {
      for (const route of SEGMENT_ROUTES) {
        router.options(route.paths, allowOrigin, preflight);
        router.post(
          route.paths,
          allowOrigin,
          express.json({ type: () => true, limit: route.limit }),
          writeKeyAuth(context.sourceKeys, ['web']),
          accept(route, context),
          countRejects(context),
        );
      }
    },
  };
}
