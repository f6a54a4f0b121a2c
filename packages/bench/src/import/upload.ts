/**
 * The client, in the benchmark's process: sends a file's chunks as one streamed request
 * body, as `c360 import` does (64 KiB chunks, `text/csv; charset=utf-8`, NDJSON progress),
 * and reads the answer to its last line, which should be the summary.
 */
import { request } from 'node:http';
import { Readable } from 'node:stream';

export interface Answer {
  status: number;
  /** The answer's last NDJSON line (`{"type":"summary",…}` on success). */
  last: Record<string, unknown> | null;
  /** `{"type":"progress",…}` lines before it: one per published batch. */
  progressLines: number;
  /** The answer when it is not NDJSON (a refusal), cut at 500 characters. */
  text: string;
}

export function upload(options: { origin: string; path: string; authorization: string; chunks: readonly Buffer[] }) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(new URL(options.path, options.origin), {
      method: 'POST',
      agent: false,
      headers: {
        authorization: options.authorization,
        'content-type': 'text/csv; charset=utf-8',
        accept: 'application/x-ndjson',
      },
    });
    req.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => (body += text));
      response.on('error', reject);
      response.on('end', () => {
        const lines = body.trim().split('\n');
        let parsed: Record<string, unknown>[] = [];
        try {
          parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        } catch {
          parsed = [];
        }
        resolve({
          status: response.statusCode ?? 0,
          last: parsed.at(-1) ?? null,
          progressLines: parsed.filter((line) => line.type === 'progress').length,
          text: body.replace(/\s+/g, ' ').slice(0, 500),
        });
      });
    });
    req.on('error', reject);
    Readable.from(options.chunks).pipe(req);
  });
}
