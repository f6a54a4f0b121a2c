import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';
import type { Logger } from './logger';

export interface RequestObservabilityOptions {
  registry: Registry;
  logger: Logger;
  /** Histogram buckets in seconds (default: 5 ms … 10 s). */
  buckets?: number[];
  /** Routes whose lines are logged at debug, not info: probes and scrapes (default /healthz, /readyz, /metrics). */
  quietRoutes?: readonly string[];
}

/** A caller's request id is kept only when it is short and plain, so it cannot smuggle data into logs. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A route's pattern under its mount path; a route with several paths (`['/v1/track', '/v1/t']`) lists them with `|`. */
const patternOf = (route: { path?: unknown } | undefined, baseUrl: string): string | undefined => {
  if (route?.path === undefined) return undefined;
  const paths = Array.isArray(route.path) ? route.path : [route.path];
  return paths.map((path) => `${baseUrl}${String(path)}` || '/').join('|');
};

/**
 * Follows which route pattern (`/v1/customers/:id`) a request matches, never its
 * raw path: express sets `request.route` when a route takes the request, while
 * `baseUrl` still holds the router's mount path (it is restored when an error leaves
 * the router, so reading both at the end would lose the prefix). `unmatched` when no
 * route took it (a 404).
 */
function trackRoute(request: Request): () => string {
  let pattern: string | undefined;
  let route: unknown;
  Object.defineProperty(request, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: { path?: unknown } | undefined) => {
      route = value;
      pattern = patternOf(value, request.baseUrl ?? '') ?? pattern;
    },
  });
  return () => pattern ?? 'unmatched';
}

/**
 * First middleware of an app: gives each request an id (the caller's `x-request-id`
 * when plain, else a new UUID; echoed in the response), observes its latency in
 * `c360_http_request_duration_seconds{method,route,status}` and logs one line at
 * info when it finishes (at debug for probes and scrapes, which come every few seconds). Labels and logs carry the route pattern, never the raw
 * path or query string (ids and personal data stay out of both); no bodies and no
 * headers are logged.
 */
export function requestObservability(options: RequestObservabilityOptions): RequestHandler {
  const duration = new Histogram({
    name: 'c360_http_request_duration_seconds',
    help: 'HTTP request latency, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: options.buckets ?? [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [options.registry],
  });
  const quiet = new Set(options.quietRoutes ?? ['/healthz', '/readyz', '/metrics']);
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const routeOf = trackRoute(request);
    const header = request.get('x-request-id');
    const requestId = header && CALLER_REQUEST_ID.test(header) ? header : randomUUID();
    response.setHeader('x-request-id', requestId);
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf();
      const status = aborted && !response.headersSent ? 'aborted' : String(response.statusCode);
      duration.observe({ method: request.method, route, status }, seconds);
      const line = { requestId, method: request.method, route, status, durationMs: Math.round(seconds * 1e4) / 10 };
      if (quiet.has(route)) options.logger.debug(line, 'request');
      else options.logger.info(line, 'request');
    };
    response.once('finish', () => finish(false));
    response.once('close', () => finish(!response.writableFinished));
    next();
  };
}
