import express, { type Response, type Router } from 'express';
import type { ApiTokenStore } from '@c360/auth';
import { C360Error, ConcurrencyError } from '@c360/errors';
import type { EventStore } from '@c360/event-store';
import { bearerAuth } from '@c360/http';
import type { Sealer } from '@c360/identity';
import type { Sql } from '@c360/sql';
import { rebuildProjection, verifyProjection, type ReplayProgress } from './rebuild';

export interface ProjectionAdminDeps {
  sql: Sql;
  store: EventStore;
  sealer: Sealer;
  tokens: ApiTokenStore;
  batchSize?: number;
  log?: (error: unknown) => void;
}

/** One NDJSON line of a rebuild or verify answer. */
export type ProjectionJobLine =
  | { type: 'started'; job: 'rebuild' | 'verify' }
  /** Sent every 15 s while a phase without progress (the swap, the comparison) runs, so proxies and clients keep the connection. */
  | { type: 'heartbeat' }
  | { type: 'progress'; events: number; position: string }
  | { type: 'done'; job: 'rebuild'; events: number; position: string }
  | {
      type: 'done';
      job: 'verify';
      ok: boolean;
      position: string;
      differences: { table: string; onlyLive: number; onlyRebuilt: number; examples: unknown[] }[];
    }
  | { type: 'error'; code: string; message: string };

/**
 * Admin endpoints (bearer token with role `admin`) that rebuild or verify the read
 * models while the live projector keeps running: `rebuildProjection` swaps its tables
 * in under the live checkpoint's lock and the projector continues on them, and
 * `verifyProjection` compares under the same lock, so neither needs the projector
 * paused. One job at a time per process (another one is refused with 409).
 *
 * Answers are NDJSON (`application/x-ndjson`), streamed: a `started` line, `progress`
 * lines (events replayed, at most about four a second), `heartbeat` lines every 15 s
 * (so a long swap or comparison keeps the connection alive), and one last line, `done` or
 * `error` — the status is already 200 when a job fails midway, so a client must read
 * the last line. Positions are decimal strings (they are int8).
 */
export function projectionAdminRoutes(deps: ProjectionAdminDeps): Router {
  const router = express.Router();
  let running: 'rebuild' | 'verify' | null = null;

  const job = (name: 'rebuild' | 'verify') =>
    (async (_request, response, next) => {
      if (running) {
        next(new ConcurrencyError(`a projection ${running} is already running; try again when it finished`));
        return;
      }
      running = name;
      const write = ndjsonWriter(response);
      const heartbeat = setInterval(() => write({ type: 'heartbeat' }), HEARTBEAT_MS);
      try {
        write({ type: 'started', job: name });
        const onProgress = throttled((p: ReplayProgress) =>
          write({ type: 'progress', events: p.events, position: String(p.position) }),
        );
        const options = {
          sql: deps.sql,
          store: deps.store,
          sealer: deps.sealer,
          batchSize: deps.batchSize,
          onProgress,
        };
        if (name === 'rebuild') {
          const done = await rebuildProjection(options);
          write({ type: 'done', job: name, events: done.events, position: String(done.position) });
        } else {
          const report = await verifyProjection(options);
          write({
            type: 'done',
            job: name,
            ok: report.ok,
            position: String(report.position),
            differences: report.differences,
          });
        }
      } catch (error) {
        deps.log?.(error);
        write(
          error instanceof C360Error
            ? { type: 'error', code: error.code, message: error.message }
            : { type: 'error', code: 'internal_error', message: (error as Error)?.message ?? String(error) },
        );
      } finally {
        clearInterval(heartbeat);
        running = null;
        response.end();
      }
    }) satisfies express.RequestHandler;

  router.use('/v1/admin/projections', bearerAuth(deps.tokens, 'admin'));
  router.post('/v1/admin/projections/rebuild', job('rebuild'));
  router.post('/v1/admin/projections/verify', job('verify'));
  return router;
}

const HEARTBEAT_MS = 15_000;

function ndjsonWriter(response: Response): (line: ProjectionJobLine) => void {
  response.status(200);
  response.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.flushHeaders();
  return (line) => {
    if (!response.writableEnded) response.write(`${JSON.stringify(line, bigintsAsStrings)}\n`);
  };
}

const bigintsAsStrings = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? String(value) : value);

/** Calls `f` at most every `ms` (the first call always goes through). */
function throttled<T>(f: (value: T) => void, ms = 250): (value: T) => void {
  let last = 0;
  return (value) => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    f(value);
  };
}
