import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from './generate';
import { requestJson } from './http';
import { progressRenderer } from './progress';
import { sendPlan } from './send';

const plan = generateDemo({ seed: 'send', people: 2, now: new Date('2026-11-20T12:00:00Z') });
const keys = { pos: 'k-pos', call_center: 'k-call', email: 'k-email', web: 'k-web' };

/** A stand-in platform answering each path from a script, recording what it was sent. */
function scripted(answers: Record<string, { status: number; body: unknown; headers?: Record<string, string> }[]>) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = request.url ?? '';
      seen.push(path);
      const queue = answers[path] ?? [];
      const answer = queue.length > 1 ? queue.shift()! : (queue[0] ?? { status: 200, body: { success: true } });
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(JSON.stringify(answer.body));
    });
  });
  return { server, seen };
}

describe('sending the plan', () => {
  let server: Server;
  let seen: string[];
  let url: string;
  beforeAll(async () => {
    ({ server, seen } = scripted({
      '/v1/pos/receipts': [
        { status: 429, body: { code: 'rate_limited' }, headers: { 'retry-after': '0' } },
        { status: 400, body: { code: 'validation_failed', message: 'receipts[0].total: must equal lines' } },
      ],
      '/v1/email/sendgrid/events': [{ status: 200, body: { accepted: 0, quarantined: 1 } }],
    }));
    await new Promise<void>((resolve) => server.listen(0, resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('given a 429 then a 400, when sent, then it retries once and stops with the endpoint and its error body', async () => {
    const only = { ...plan, calls: [], emailEvents: [], webCalls: [] };
    const sending = sendPlan({ http: { url, initialBackoffMs: 1 }, plan: only, keys, concurrency: 1 });
    await expect(sending).rejects.toThrow(
      /POST \/v1\/pos\/receipts refused a batch .*HTTP 400[\s\S]*validation_failed/,
    );
    expect(seen.filter((p) => p === '/v1/pos/receipts')).toHaveLength(2);
  });

  it('given a 200 that quarantined events, when sent, then it stops instead of counting them as accepted', async () => {
    const only = { ...plan, receipts: [], calls: [], emailEvents: [{ event: 'delivered' }], webCalls: [] };
    await expect(sendPlan({ http: { url }, plan: only, keys, concurrency: 1 })).rejects.toThrow(/quarantined 1/);
  });

  it('given nothing listening, when asked, then the error says to start the platform', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(requestJson({ url: `http://localhost:${port}` }, '/healthz')).rejects.toThrow(
      /ECONNREFUSED.*start it with npm start/,
    );
  });
});

describe('progress', () => {
  it('given a non-terminal stream, when sending moves on, then it writes a line per tenth and never redraws', () => {
    let text = '';
    const progress = progressRenderer({ isTTY: false, write: (chunk) => (text += chunk) });
    for (let sent = 0; sent <= 100; sent += 5) {
      progress.update({ phase: 'sending', channel: 'pos', sent, total: 100, sentAll: sent, totalAll: 100 });
    }
    progress.done();
    expect(text).not.toContain('\r');
    expect(text.trim().split('\n')).toHaveLength(11);
  });

  it('given a terminal, when sending moves on, then one line is redrawn in place and ended by done()', () => {
    let text = '';
    const progress = progressRenderer({ isTTY: true, columns: 80, write: (chunk) => (text += chunk) });
    progress.update({ phase: 'sending', channel: 'web', sent: 1, total: 2, sentAll: 1, totalAll: 2 });
    progress.update({ phase: 'sending', channel: 'web', sent: 2, total: 2, sentAll: 2, totalAll: 2 });
    progress.done();
    expect(text.match(/\r/g)).toHaveLength(2);
    expect(text.endsWith('100%  2/2\n')).toBe(true);
  });
});
