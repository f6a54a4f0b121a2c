import { backoffDelay, InfrastructureError } from '@c360/errors';

/** Connection failures worth trying again (a reset under load); anything else — refused, unknown host, bad URL — is final. */
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Statuses worth trying again: rate limited, or the platform (or a proxy) briefly unavailable. */
const RETRIABLE_STATUS = new Set([429, 502, 503, 504]);

export interface HttpOptions {
  url: string;
  /** Attempts per request for retriable answers (429, 502–504) and dropped connections. */
  attempts?: number;
  initialBackoffMs?: number;
}

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * One JSON request against the platform, retried with jittered exponential back-off
 * (honouring Retry-After) on 429/502/503/504 and on a reset connection. Any other
 * answer is returned as is: the caller decides what a 4xx means.
 * @throws InfrastructureError `platform_unreachable` when no connection can be made
 *   (the message says to start the platform), `platform_busy` when retries run out.
 */
export async function requestJson(
  options: HttpOptions,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonAnswer> {
  const attempts = options.attempts ?? 8;
  const initialMs = options.initialBackoffMs ?? 250;
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    let response: Response;
    try {
      response = await fetch(`${options.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === undefined || !TRANSIENT_NETWORK.has(code) || attempt === attempts) {
        throw new InfrastructureError(
          `cannot reach the platform at ${options.url} (${code ?? (error as { cause?: Error }).cause?.message ?? String(error)}): start it with npm start, or set C360_URL`,
          { retriable: false, code: 'platform_unreachable', cause: error },
        );
      }
      lastProblem = code;
      await sleep(backoffDelay(attempt, { initialMs, maxMs: 10_000 }));
      continue;
    }
    const text = await response.text();
    if (RETRIABLE_STATUS.has(response.status) && attempt < attempts) {
      lastProblem = `HTTP ${response.status}: ${text.slice(0, 200)}`;
      const retryAfter = Number(response.headers.get('retry-after'));
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0;
      await sleep(Math.max(wait, backoffDelay(attempt, { initialMs, maxMs: 10_000 })));
      continue;
    }
    return { status: response.status, body: parse(text) };
  }
  throw new InfrastructureError(`${path}: still failing after ${attempts} attempts: ${lastProblem}`, {
    retriable: true,
    code: 'platform_busy',
  });
}

/** The answer when it has `status`, else InfrastructureError `demo_request_refused` carrying the endpoint's error body. */
export function expectStatus(answer: JsonAnswer, status: number, what: string): unknown {
  if (answer.status === status) return answer.body;
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body, null, 2);
  throw new InfrastructureError(`${what}: HTTP ${answer.status}\n${body}`, {
    retriable: false,
    code: 'demo_request_refused',
    details: { status: answer.status, body: answer.body },
  });
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (writeKey: string) => ({
  authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
});
