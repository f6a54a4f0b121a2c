import { CliError, EXIT, usageError } from './exit-codes';
import type { Settings } from './settings';

export type Credential = 'token' | 'writeKey';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Bearer API token (admin and query routes) or HTTP Basic write key (channel routes). */
  auth: Credential;
  /** A JSON value, or a byte stream sent as it is read (with `contentType`). */
  json?: unknown;
  stream?: AsyncIterable<Uint8Array>;
  contentType?: string;
  accept?: string;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The platform's HTTP API as the CLI uses it: failures become `CliError`s with the exit code they mean. */
export function platformClient(settings: Settings) {
  const credential = async (auth: Credential): Promise<string> => {
    if (auth === 'token') {
      const token = await settings.token();
      if (!token) throw noCredential('an API token: pass --token, set C360_TOKEN');
      return `Bearer ${token}`;
    }
    const key = await settings.writeKey();
    if (!key) throw noCredential('a write key: pass --write-key, set C360_WRITE_KEY');
    return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  };

  const send = async (options: RequestOptions): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(options.path, `${settings.url}/`);
    } catch {
      throw usageError(`not a URL: ${settings.url}`);
    }
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { authorization: await credential(options.auth) };
    if (options.accept) headers.accept = options.accept;
    let body: RequestInit['body'];
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.stream) {
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
      body = options.stream as unknown as RequestInit['body'];
    }
    let response: Response;
    try {
      // `duplex: 'half'` lets undici send a streamed body as it is read.
      response = await fetch(url, {
        method: options.method ?? 'GET',
        headers,
        body,
        ...(options.stream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      throw fetchFailure(error, settings.url);
    }
    if (!response.ok) throw await answerFailure(response);
    return response;
  };

  return {
    send,
    /** The answer's JSON (`null` for 204). */
    async json<T = Record<string, unknown>>(options: RequestOptions): Promise<T> {
      const response = await send(options);
      if (response.status === 204) return null as T;
      return (await response.json()) as T;
    },
  };
}

export type PlatformClient = ReturnType<typeof platformClient>;

const noCredential = (what: string) =>
  new CliError(
    `no credential: this command needs ${what}, or start the platform once to write ./data/local-credentials.json`,
    {
      exitCode: EXIT.auth,
      code: 'no_credential',
    },
  );

function fetchFailure(error: unknown, url: string): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code && UNREACHABLE.has(code)) {
    return new CliError(`cannot reach the platform at ${url} (${code}); is it running? (--url, C360_URL)`, {
      exitCode: EXIT.unreachable,
      code: 'unreachable',
      cause: error,
    });
  }
  return new CliError(`request to ${url} failed: ${cause?.message ?? (error as Error).message}`, {
    exitCode: code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? EXIT.unreachable : EXIT.failed,
    code: code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'unreachable' : 'request_failed',
    cause: error,
  });
}

/** A non-2xx answer: the platform's `{ code, message, details }` when it sent one. */
async function answerFailure(response: Response): Promise<CliError> {
  const text = await response.text().catch(() => '');
  let body: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: the status says enough
  }
  const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
  const message = typeof body.message === 'string' ? body.message : `${response.status} ${response.statusText}`;
  const auth = response.status === 401 || response.status === 403;
  return new CliError(auth ? `not allowed (${response.status}): ${message}` : message, {
    exitCode: auth ? EXIT.auth : EXIT.failed,
    code,
    details: { status: response.status, ...(body.details && typeof body.details === 'object' ? body.details : {}) },
  });
}

/** The lines of an NDJSON answer, parsed, as they arrive. */
export async function* ndjsonLines(response: Response): AsyncGenerator<Record<string, unknown>> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) yield JSON.parse(line) as Record<string, unknown>;
    }
  }
  const last = (pending + decoder.decode()).trim();
  if (last) yield JSON.parse(last) as Record<string, unknown>;
}
