/**
 * The events the store benchmark appends: customer-360 shaped, deterministic per
 * seed, spread over many `customer-<uuid>` streams and split into one lane per
 * writer. A stream belongs to one lane, so writers never contend for a stream
 * (every contender — ours, the raw table, Emmett — gets the same, conflict-free
 * load) and a stream's appends keep their order.
 */
import type { NewEvent } from '@c360/event-store';

export interface Append {
  /** Index of the stream in the workload; decides the lane. */
  stream: number;
  streamId: string;
  /** Revision of the first event of this append (0-based), for the raw table. */
  firstRevision: number;
  events: NewEvent[];
}

export interface Workload {
  /** Total events. */
  events: number;
  perAppend: number;
  streams: number;
  /** Every append, in the order they are issued. */
  appends: Append[];
  /** Average JSON size of `data` and `metadata`, in bytes (UTF-8), sampled. */
  avgDataBytes: number;
  avgMetadataBytes: number;
}

export interface WorkloadOptions {
  seed: number;
  events: number;
  /** Events per append (100 for the batched mode, 1 for single appends). */
  perAppend: number;
  /** Events per stream; a multiple of `perAppend`. */
  perStream: number;
}

/** mulberry32: small, fast, good enough to make reproducible test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** A version-4-shaped UUID from the generator (reproducible, unlike `randomUUID`). */
function uuidFrom(rand: () => number): string {
  const word = (): number => Math.floor(rand() * 4294967296);
  const a = hex8(word());
  const b = hex8((word() & 0xffff0fff) | 0x00004000);
  const c = hex8((word() & 0x3fffffff) | 0x80000000);
  const d = hex8(word());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const CHANNELS = ['web', 'email', 'pos', 'call_center', 'mobile_app', 'sms'] as const;
const TYPES = ['TouchpointRecorded', 'PurchaseCompleted', 'EmailEngaged', 'CallHandled', 'ProfileLinked'] as const;
const FIRST = ['Zoë', 'José', 'Łukasz', 'Björn', 'Søren', 'Ana', 'Chloé', 'Jürgen', 'Mårten', 'Ayşe', '李', 'Ngọc'];
const LAST = ['Müller', 'Ødegård', 'Nuñez', 'Dvořák', 'Kowalczyk', 'García', 'Çelik', 'Łęcki', 'Håkansson', '王'];
const CITIES = ['São Paulo', 'Zürich', 'Kraków', 'Göteborg', 'Málaga', 'Москва', 'İzmir', 'Reykjavík'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'PLN', 'SEK'] as const;

function eventFor(rand: () => number, customerId: string, revision: number): NewEvent {
  const touchpointId = uuidFrom(rand);
  const channel = pick(rand, CHANNELS);
  const name = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
  const items = 1 + Math.floor(rand() * 6);
  const amount = Math.round(rand() * 50000) / 100;
  return {
    id: uuidFrom(rand),
    type: pick(rand, TYPES),
    data: {
      customerId,
      touchpointId,
      channel,
      touchpointType: channel === 'pos' ? 'purchase' : pick(rand, ['visit', 'purchase', 'open', 'call', 'signup']),
      occurredAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 3e10)).toISOString(),
      customer: {
        name,
        email: `customer.${customerId.slice(0, 8)}@example.com`,
        locale: pick(rand, ['de-DE', 'pl-PL', 'pt-BR', 'sv-SE']),
      },
      amounts: { gross: amount, net: Math.round(amount * 81) / 100, currency: pick(rand, CURRENCIES), items },
      store: { id: `store-${String(Math.floor(rand() * 400)).padStart(4, '0')}`, city: pick(rand, CITIES) },
      consent: { marketing: rand() < 0.6, profiling: rand() < 0.4 },
      sequence: revision,
    },
    metadata: {
      causationId: touchpointId,
      correlationId: uuidFrom(rand),
      source: `connector-${channel}`,
      schemaVersion: 1,
    },
  };
}

/**
 * Streams of `perStream` events each (the last may be shorter), appended
 * `perAppend` at a time, round-robin over the streams (stream 0 append 0, stream
 * 1 append 0, …, stream 0 append 1, …).
 */
export function buildWorkload(options: WorkloadOptions): Workload {
  const { seed, events, perAppend, perStream } = options;
  if (perStream % perAppend !== 0) throw new Error('perStream must be a multiple of perAppend');
  const rand = prng(seed);
  const streams = Math.ceil(events / perStream);
  const streamIds = Array.from({ length: streams }, () => uuidFrom(rand));
  const appends: Append[] = [];
  let dataBytes = 0;
  let metadataBytes = 0;
  let sampled = 0;
  for (let round = 0; round * perAppend < perStream; round++) {
    for (let s = 0; s < streams; s++) {
      const first = round * perAppend;
      const count = Math.min(perAppend, perStream - first, events - s * perStream - first);
      if (count <= 0) continue;
      const customerId = streamIds[s]!;
      const batch = Array.from({ length: count }, (_, i) => eventFor(rand, customerId, first + i));
      const e = batch[0]!; // sizes from the first event of each append: cheap and representative
      dataBytes += Buffer.byteLength(JSON.stringify(e.data));
      metadataBytes += Buffer.byteLength(JSON.stringify(e.metadata));
      sampled++;
      appends.push({ stream: s, streamId: `customer-${customerId}`, firstRevision: first, events: batch });
    }
  }
  return {
    events,
    perAppend,
    streams,
    appends,
    avgDataBytes: dataBytes / sampled,
    avgMetadataBytes: metadataBytes / sampled,
  };
}

/** The appends split over `writers` lanes, stream `s` in lane `s % writers`, issue order kept within a lane. */
export function lanesOf<T extends { stream: number }>(appends: readonly T[], writers: number): T[][] {
  const lanes: T[][] = Array.from({ length: writers }, () => []);
  for (const append of appends) lanes[append.stream % writers]!.push(append);
  return lanes;
}
