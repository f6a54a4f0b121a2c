import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { requestObservability } from './http';
import { capturedLogger } from './testing';

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(app: express.Express): Promise<string> {
  const server = app.listen(0);
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function appWith(registry: Registry) {
  const { logger, lines } = capturedLogger();
  const app = express();
  app.use(requestObservability({ registry, logger }));
  const customers = express.Router();
  customers.get('/:customerId', (request, response) => void response.json({ id: request.params.customerId }));
  customers.post('/:customerId/fail', () => {
    throw new Error('boom');
  });
  app.use('/v1/customers', customers);
  app.get('/v1/lookup', (_request, response) => void response.json({}));
  app.use((_error: unknown, _request: express.Request, response: express.Response, _next: express.NextFunction) => {
    response.status(500).json({ code: 'internal_error' });
  });
  return { app, lines };
}

describe('request logging and latency middleware', () => {
  it('given requests with ids and personal data in path and query, then labels and log lines carry the route pattern only', async () => {
    const registry = new Registry();
    const { app, lines } = appWith(registry);
    const url = await serve(app);
    // When
    expect((await fetch(`${url}/v1/customers/c-8f3a`)).status).toBe(200);
    expect((await fetch(`${url}/v1/customers/c-77b1`)).status).toBe(200);
    expect((await fetch(`${url}/v1/customers/c-8f3a/fail`, { method: 'POST', body: '{"email":"x"}' })).status).toBe(
      500,
    );
    expect((await fetch(`${url}/v1/lookup?email=ada%40example.com`)).status).toBe(200);
    expect((await fetch(`${url}/v1/nothing/ada@example.com`)).status).toBe(404);
    // Then
    const metrics = await registry.metrics();
    expect(metrics).toContain(
      'c360_http_request_duration_seconds_count{method="GET",route="/v1/customers/:customerId",status="200"} 2',
    );
    expect(metrics).toContain(
      'c360_http_request_duration_seconds_count{method="POST",route="/v1/customers/:customerId/fail",status="500"} 1',
    );
    expect(metrics).toContain(
      'c360_http_request_duration_seconds_count{method="GET",route="/v1/lookup",status="200"} 1',
    );
    expect(metrics).toContain(
      'c360_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1',
    );
    const printed = JSON.stringify(lines) + metrics;
    for (const leak of ['c-8f3a', 'c-77b1', 'ada', 'example.com', 'email']) expect(printed).not.toContain(leak);
    // one line per request, at info, with a request id and no body, headers or path
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).toMatchObject({ level: 'info', msg: 'request' });
      expect(Object.keys(line).sort()).toEqual(
        ['durationMs', 'level', 'method', 'msg', 'pid', 'requestId', 'route', 'service', 'status', 'time'].sort(),
      );
    }
  });

  it('given probes and scrapes, then they are measured but logged at debug only', async () => {
    const registry = new Registry();
    const { logger, lines } = capturedLogger();
    const app = express();
    app.use(requestObservability({ registry, logger }));
    app.get('/readyz', (_request, response) => void response.json({ status: 'ready' }));
    const url = await serve(app);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(lines).toEqual([]);
    expect(await registry.metrics()).toContain(
      'c360_http_request_duration_seconds_count{method="GET",route="/readyz",status="200"} 1',
    );
  });

  it("given a caller's plain x-request-id, then it is kept and echoed; an odd one is replaced", async () => {
    const { app, lines } = appWith(new Registry());
    const url = await serve(app);
    const kept = await fetch(`${url}/v1/lookup`, { headers: { 'x-request-id': 'req-123' } });
    expect(kept.headers.get('x-request-id')).toBe('req-123');
    const replaced = await fetch(`${url}/v1/lookup`, { headers: { 'x-request-id': 'ada@example.com <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.requestId)).toEqual(['req-123', replaced.headers.get('x-request-id')]);
  });
});
