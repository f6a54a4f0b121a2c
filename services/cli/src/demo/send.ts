import { InfrastructureError } from '@c360/errors';
import { basic, bearer, expectStatus, requestJson, type HttpOptions } from './http';
import { CHANNEL_NAMES, type DemoChannel, type DemoPlan } from './model';

interface Endpoint {
  path: string;
  /** Items per request: within each endpoint's limits (receipts 500, CTRs 1,000, Segment 2,500 and 500 KB). */
  batch: number;
  items: (plan: DemoPlan) => Record<string, unknown>[];
  body: (items: Record<string, unknown>[]) => unknown;
  /** Throws when a 200 answer still says something was not taken (SendGrid quarantines bad events). */
  check?: (answer: unknown, sent: number) => void;
}

export const ENDPOINTS: Record<DemoChannel, Endpoint> = {
  pos: { path: '/v1/pos/receipts', batch: 100, items: (p) => p.receipts, body: (receipts) => ({ receipts }) },
  call_center: { path: '/v1/callcenter/connect/ctr', batch: 200, items: (p) => p.calls, body: (records) => records },
  email: {
    path: '/v1/email/sendgrid/events',
    batch: 500,
    items: (p) => p.emailEvents,
    body: (events) => events,
    check: (answer, sent) => {
      const { accepted, quarantined } = answer as { accepted?: number; quarantined?: number };
      if (quarantined || accepted !== sent) {
        throw new InfrastructureError(`/v1/email/sendgrid/events quarantined ${quarantined} of ${sent} demo events`, {
          retriable: false,
          code: 'demo_request_refused',
          details: { answer },
        });
      }
    },
  },
  web: { path: '/v1/batch', batch: 200, items: (p) => p.webCalls, body: (batch) => ({ batch }) },
};

/** One write key per channel, created through the admin API (a write key is shown only once, so each run makes new ones). */
export async function createSourceKeys(
  http: HttpOptions,
  adminToken: string,
  seed: string,
): Promise<Record<DemoChannel, string>> {
  const keys = {} as Record<DemoChannel, string>;
  for (const channel of CHANNEL_NAMES) {
    const answer = await requestJson(http, '/v1/admin/source-keys', {
      headers: bearer(adminToken),
      body: { name: `demo ${channel} (seed ${seed})`, channel },
    });
    if (answer.status === 401 || answer.status === 403) {
      expectStatus(answer, 201, 'the admin token was refused (set C360_TOKEN to an admin token)');
    }
    const body = expectStatus(answer, 201, `POST /v1/admin/source-keys (${channel})`) as { writeKey: string };
    keys[channel] = body.writeKey;
  }
  return keys;
}

export interface SendProgress {
  channel: DemoChannel;
  sent: number;
}

/**
 * Sends every channel's items in batches, `concurrency` requests at a time, the channels
 * interleaved (so the pipeline sees them mixed, as in life). Stops at the first refused
 * request: its error carries the endpoint's answer.
 */
export async function sendPlan(options: {
  http: HttpOptions;
  plan: DemoPlan;
  keys: Record<DemoChannel, string>;
  concurrency: number;
  onSent?: (progress: SendProgress) => void;
}): Promise<Record<DemoChannel, number>> {
  const jobs = interleave(
    CHANNEL_NAMES.map((channel) => {
      const endpoint = ENDPOINTS[channel];
      const items = endpoint.items(options.plan);
      const batches: { channel: DemoChannel; items: Record<string, unknown>[] }[] = [];
      for (let i = 0; i < items.length; i += endpoint.batch) {
        batches.push({ channel, items: items.slice(i, i + endpoint.batch) });
      }
      return batches;
    }),
  );
  const sent = { pos: 0, call_center: 0, email: 0, web: 0 } satisfies Record<DemoChannel, number>;
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < jobs.length) {
      const job = jobs[next++]!;
      const endpoint = ENDPOINTS[job.channel];
      try {
        const answer = await requestJson(options.http, endpoint.path, {
          headers: basic(options.keys[job.channel]),
          body: endpoint.body(job.items),
        });
        const body = expectStatus(answer, 200, `POST ${endpoint.path} refused a batch of ${job.items.length}`);
        endpoint.check?.(body, job.items.length);
      } catch (error) {
        failed = true;
        throw error;
      }
      sent[job.channel] += job.items.length;
      options.onSent?.({ channel: job.channel, sent: sent[job.channel] });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return sent;
}

function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  const cursors = lists.map(() => 0);
  // Proportional: each list advances at its own rate, so all finish at about the same time.
  for (let k = 0; k < total; k += 1) {
    let best = -1;
    let bestShare = Infinity;
    lists.forEach((list, i) => {
      if (cursors[i]! >= list.length) return;
      const share = cursors[i]! / list.length;
      if (share < bestShare) [best, bestShare] = [i, share];
    });
    out.push(lists[best]![cursors[best]!++]!);
  }
  return out;
}
