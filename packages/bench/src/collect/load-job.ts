/**
 * What the parent asks of the load generator process and what it answers. The
 * load generator runs in a process of its own so that it does not share the
 * server's event loop (on loopback it would otherwise slow down what it measures).
 */

export interface LoadJob {
  id: number;
  /** e.g. `http://127.0.0.1:40123/v1/batch`. */
  url: string;
  /** `Basic …` with the write key as user name. */
  authorization: string;
  /** Also written into each body (as analytics.js does); Basic auth takes precedence. */
  writeKey: string;
  /** Calls per batch. */
  events: number;
  connections: number;
  /** Requests of the first round; a round ends when every one of them has its answer (none cut off). */
  amount: number;
  /** Further rounds, sized from the rate so far, until the rounds add up to this many seconds (0: one round). */
  minSeconds: number;
}

export interface LoadResult {
  id: number;
  /** Requests answered, by status code. */
  statuses: Record<string, number>;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts: requests without an answer. */
  errors: number;
  timeouts: number;
  /** Wall time of the rounds, each from its first request to its last answer. */
  seconds: number;
  rounds: number;
  /** CPU cores the load generator used meanwhile. */
  clientCores: number;
  /** Response times of all answers (2xx or not), in ms. */
  latency: { p50: number; p99: number; mean: number; max: number };
  /** Average request body, bytes. */
  avgBodyBytes: number;
  maxCallBytes: number;
  /** The first non-2xx answer's status and body (on one line, cut at 500 characters), to report it. */
  firstFailure?: { status: number; body: string };
}

export type LoadMessage = { kind: 'result'; result: LoadResult } | { kind: 'failed'; id: number; error: string };
