/**
 * The GET load generator process (forked by main.ts through forked.ts): runs each
 * job with autocannon, every request to a path drawn at random from the job's
 * list (in `setupRequest`), so the run reads profiles all over the tables rather
 * than a hot few. Runs are sized by request count in rounds, as collect's load
 * worker does, so that no request is cut off in flight; latencies are recorded
 * here, over all rounds.
 */
import autocannon from 'autocannon';
import { timed } from '../measure';
import { serveJobs } from './forked';
import type { GetJob, GetResult } from './load-job';

interface Tally {
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Response times in ms, every answer. */
  latencies: number[];
  bytes: number;
  seconds: number;
  firstFailure?: GetResult['firstFailure'];
}

/** One autocannon run of `amount` requests; `seconds` by our clock, first request to last answer. */
function round(job: GetJob, amount: number, tally: Tally): Promise<void> {
  const { paths } = job;
  const startedAt = performance.now();
  let lastAnswerAt = startedAt;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.origin,
        connections: job.connections,
        amount: Math.max(amount, job.connections),
        pipelining: 1,
        timeout: 30,
        // autocannon notices the end only at its next sample tick: keep that tail short.
        sampleInt: 100,
        method: 'GET',
        headers: job.authorization ? { authorization: job.authorization } : {},
        requests: [
          {
            setupRequest: (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)]! }),
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
    instance.on('response', (_client, status, bytes, responseTime) => {
      lastAnswerAt = performance.now();
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      tally.latencies.push(responseTime);
      tally.bytes += bytes;
    });
  });
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function run(job: GetJob): Promise<GetResult> {
  if (job.paths.length === 0) throw new Error('a load job needs at least one path');
  const tally: Tally = { statuses: {}, errors: 0, timeouts: 0, latencies: [], bytes: 0, seconds: 0 };
  const measured = await timed(async () => {
    let amount = job.amount;
    for (let rounds = 1; ; rounds++) {
      await round(job, amount, tally);
      const left = job.minSeconds - tally.seconds;
      if (left < 0.05 * job.minSeconds || left <= 0 || rounds >= 5) return rounds;
      amount = Math.ceil((tally.latencies.length / Math.max(tally.seconds, 0.001)) * left);
    }
  });
  const answered = tally.latencies.length;
  const ok = Object.entries(tally.statuses).reduce((sum, [code, n]) => (/^2\d\d$/.test(code) ? sum + n : sum), 0);
  const sorted = tally.latencies.sort((a, b) => a - b);
  return {
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
    avgResponseBytes: answered === 0 ? 0 : tally.bytes / answered,
    ...(tally.firstFailure ? { firstFailure: tally.firstFailure } : {}),
  };
}

serveJobs(run);
