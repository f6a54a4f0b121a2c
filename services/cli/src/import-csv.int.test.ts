import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from './exit-codes';
import { memoryIo } from './io';
import { run } from './program';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  bytes: number;
  chunks: number;
}

/**
 * The CSV import's side of the protocol of `POST /v1/…/…csv` (csvImportHandler in
 * @c360/channels), against a stand-in that counts what arrives: the file goes as a
 * streamed body (chunked, no Content-Length), and the NDJSON answer's last line decides.
 */
describe('c360 import of a CSV file (against a stand-in endpoint)', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  let answer: (seen: Seen) => string[] = () => [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'c360-csv-'));
    server = createServer(async (request, response) => {
      const one: Seen = { path: request.url!, headers: request.headers, bytes: 0, chunks: 0 };
      for await (const chunk of request) {
        one.bytes += (chunk as Buffer).length;
        one.chunks++;
      }
      seen.push(one);
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.end(answer(one).join('\n') + '\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const c360 = async (args: string[]) => {
    const { io, stdout, stderr } = memoryIo({ C360_URL: url, C360_WRITE_KEY: 'wk_call_center' }, dir);
    const code = await run(args, io);
    return { code, stdout: stdout(), stderr: stderr() };
  };

  it('given a 1 MB CSV of calls, when imported, then it is streamed in chunks with the write key and the summary decides exit 0', async () => {
    const row = 'C-1,2026-03-01T10:00:00Z,+15555550100,complaint\n';
    const file = join(dir, 'calls.csv');
    await writeFile(file, `contact_id,started_at,phone,category\n${row.repeat(Math.ceil(1_000_000 / row.length))}`);
    answer = (s) => [
      JSON.stringify({ type: 'progress', rows: 500, accepted: 500, quarantined: 0 }),
      JSON.stringify({
        type: 'summary',
        rows: 1000,
        accepted: 1000,
        quarantined: 0,
        errors: [],
        errorsOmitted: 0,
        got: s.bytes,
      }),
    ];
    const result = await c360(['import', 'calls.csv', '--kind', 'calls', '--json']);
    expect(result.code).toBe(EXIT.ok);
    const request = seen.at(-1)!;
    expect(request.path).toBe('/v1/callcenter/calls.csv');
    expect(request.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(request.headers.accept).toBe('application/x-ndjson');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('wk_call_center:').toString('base64')}`);
    expect(request.headers['transfer-encoding']).toBe('chunked');
    expect(request.chunks).toBeGreaterThan(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'calls', format: 'csv', rows: 1000, accepted: 1000 });
    expect(JSON.parse(result.stdout).got).toBe(statSync(file).size);
  });

  it('given rows the endpoint quarantined, then they are listed by line and the exit code is 1', async () => {
    await writeFile(join(dir, 'receipts.csv'), 'receipt_number,total\nR-1,oops\n');
    answer = () => [
      JSON.stringify({
        type: 'summary',
        rows: 1,
        accepted: 0,
        quarantined: 1,
        errors: [{ line: 2, reason: 'total: must be an amount', issues: [] }],
        errorsOmitted: 0,
      }),
    ];
    const result = await c360(['import', 'receipts.csv', '--kind', 'receipts']);
    expect(result.code).toBe(EXIT.failed);
    expect(seen.at(-1)!.path).toBe('/v1/pos/receipts.csv');
    expect(result.stdout).toContain('line 2: total: must be an amount');
  });

  it('given an answer ending in an error line, then the import reports where it stopped with exit 1', async () => {
    answer = () => [
      JSON.stringify({ type: 'progress', rows: 500, accepted: 500, quarantined: 0 }),
      JSON.stringify({ type: 'error', code: 'invalid_csv', message: 'line 501: unclosed quote', details: {} }),
    ];
    const result = await c360(['import', 'receipts.csv', '--kind', 'receipts']);
    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain('import stopped: line 501: unclosed quote');
  });

  it('given a kind without a CSV import, then it is a usage error (2) and nothing is sent', async () => {
    const before = seen.length;
    expect((await c360(['import', 'receipts.csv', '--kind', 'segment'])).code).toBe(EXIT.usage);
    expect(seen.length).toBe(before);
  });
});
