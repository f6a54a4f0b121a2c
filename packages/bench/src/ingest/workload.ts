/**
 * The run every contender gets: the ingestor's test population (persons with 2–4
 * identifiers, each touchpoint carrying one or two of them, the first of each
 * person a sign-up carrying all), encoded once as the intake publishes it.
 */
import type { OutgoingMessage } from '@c360/bus';
import { population, type Population } from '@c360/ingestor/testing';
import { encodeTouchpoint } from '@c360/touchpoint';
import { touchpointMessage } from '../bus/workload';

export interface IngestWorkload extends Population {
  /** The touchpoints as the intake publishes them (key, Avro value, headers), in arrival order. */
  messages: OutgoingMessage[];
  ids: ReadonlySet<string>;
  /** Bytes of keys, values and headers over all messages. */
  bytes: number;
}

export function buildWorkload(options: { people: number; touchpoints: number }): IngestWorkload {
  const people = population({ people: options.people, touchpoints: options.touchpoints });
  const messages = people.touchpoints.map((t) => touchpointMessage(t, encodeTouchpoint(t)));
  const ids = new Set(people.touchpoints.map((t) => t.touchpointId));
  if (ids.size !== options.touchpoints) throw new Error(`population has ${ids.size} ids for ${options.touchpoints}`);
  let bytes = 0;
  for (const m of messages) {
    bytes += Buffer.byteLength(m.key) + m.value.length;
    for (const [name, value] of Object.entries(m.headers ?? {})) bytes += name.length + Buffer.byteLength(value);
  }
  return { ...people, messages, ids, bytes };
}

export const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));
