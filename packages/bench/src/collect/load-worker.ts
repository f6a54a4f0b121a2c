/**
 * The load generator process (forked by load-generator.ts): runs each job it is
 * sent with autocannon and answers with the figures. Every request body is built
 * in `setupRequest` from a template and a fresh tag, so no two calls of the run
 * share a messageId.
 *
 * A job runs in rounds sized by request count (autocannon's `amount`), so that no
 * request is ever cut off in flight; a round that ended before `minSeconds` is
 * followed by one sized from the rate seen so far. Latencies are recorded here,
 * over all rounds.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { timed } from '../measure';
import type { LoadJob, LoadMessage, LoadResult } from './load-job';
import { batchTemplates, fill, type BatchTemplates } from './payloads';

/** Templates per batch size: enough variety that no body is sent twice in a row per connection. */
const TEMPLATES = 64;

const templates = new Map<string, BatchTemplates>();
const runTag = randomBytes(4).toString('hex');
let sequence = 0;

function templatesFor(job: LoadJob): BatchTemplates {
  const key = `${job.events}|${job.writeKey}`;
  let found = templates.get(key);
  if (!found) {
    found = batchTemplates({ events: job.events, count: TEMPLATES, writeKey: job.writeKey });
    templates.set(key, found);
  }
  return found;
}

interface Tally {
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Response times in ms, every answer. */
  latencies: number[];
  seconds: number;
  firstFailure?: LoadResult['firstFailure'];
}

/** One autocannon run of `amount` requests; `seconds` by our clock, first request to last answer. */
function round(job: LoadJob, amount: number, nextBody: () => string, tally: Tally): Promise<void> {
  const startedAt = performance.now();
  let lastAnswerAt = startedAt;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        amount: Math.max(amount, job.connections),
        pipelining: 1,
        timeout: 30,
        // autocannon notices the end only at its next sample tick: keep that tail short.
        sampleInt: 100,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: job.authorization },
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: nextBody() }),
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && !tally.firstFailure) {
                tally.firstFailure = { status, body: body.replace(/\s+/g, ' ').slice(0, 500) };
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error as Error);
        tally.seconds += (lastAnswerAt - startedAt) / 1000;
        tally.errors += result.errors;
        tally.timeouts += result.timeouts;
        resolve();
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      lastAnswerAt = performance.now();
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      tally.latencies.push(responseTime);
    });
  });
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function run(job: LoadJob): Promise<LoadResult> {
  const pool = templatesFor(job);
  const nextBody = (): string => {
    const n = sequence++;
    // analytics.js-like ids (`ajs-next-…`): unique across the run and across runs.
    return fill(pool.templates[n % pool.templates.length]!, `ajs-next-${runTag}-${n.toString(36)}`);
  };
  const tally: Tally = { statuses: {}, errors: 0, timeouts: 0, latencies: [], seconds: 0 };
  const measured = await timed(async () => {
    let amount = job.amount;
    for (let rounds = 1; ; rounds++) {
      await round(job, amount, nextBody, tally);
      const left = job.minSeconds - tally.seconds;
      if (left < 0.05 * job.minSeconds || left <= 0 || rounds >= 5) return rounds;
      amount = Math.ceil((tally.latencies.length / Math.max(tally.seconds, 0.001)) * left);
    }
  });
  const answered = tally.latencies.length;
  const ok = Object.entries(tally.statuses).reduce((sum, [code, n]) => (/^2\d\d$/.test(code) ? sum + n : sum), 0);
  const sorted = tally.latencies.sort((a, b) => a - b);
  return {
    id: job.id,
    statuses: tally.statuses,
    ok,
    non2xx: answered - ok,
    errors: tally.errors,
    timeouts: tally.timeouts,
    seconds: tally.seconds,
    rounds: measured.result,
    clientCores: measured.seconds > 0 ? measured.cpuSeconds / measured.seconds : 0,
    latency: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      mean: answered === 0 ? 0 : sorted.reduce((sum, l) => sum + l, 0) / answered,
      max: sorted[sorted.length - 1] ?? 0,
    },
    avgBodyBytes: pool.avgBytes,
    maxCallBytes: pool.maxCallBytes,
    ...(tally.firstFailure ? { firstFailure: tally.firstFailure } : {}),
  };
}

const reply = (message: LoadMessage): void => void process.send?.(message);

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => reply({ kind: 'result', result }),
    (error: unknown) => reply({ kind: 'failed', id: job.id, error: String((error as Error)?.stack ?? error) }),
  );
});
process.on('disconnect', () => process.exit(0));
