import { randomUUID } from 'node:crypto';
import type { Bus, ConsumeOptions, Consumer, IncomingMessage, OutgoingMessage } from '../port';

export const uniqueName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** `count` messages over `keys` keys; the value `key-k:i` carries the global index `i` (from `from`). */
export function keyedMessages(count: number, keys: number, from = 0): OutgoingMessage[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const key = `key-${i % keys}`;
    return { key, value: Buffer.from(`${key}:${i}`), headers: { 'x-index': String(i) } };
  });
}

export const text = (m: IncomingMessage): string => m.value.toString();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** A consumer that records every message it is handed. */
export function recordingConsumer(
  bus: Bus,
  options: Omit<ConsumeOptions, 'handler'> & {
    onBatch?: (batch: IncomingMessage[]) => Promise<void>;
    /** Shared with other members, to judge order across a rebalance. */
    seen?: IncomingMessage[];
  },
): { consumer: Consumer; seen: IncomingMessage[] } {
  const seen: IncomingMessage[] = options.seen ?? [];
  const consumer = bus.consume({
    ...options,
    handler: async (batch) => {
      await options.onBatch?.(batch);
      seen.push(...batch);
    },
  });
  return { consumer, seen };
}

/**
 * Per key, the first deliveries must be in publish order and complete: duplicates
 * (at-least-once) are allowed, reordering and loss are not. Returns the problems.
 */
export function orderProblems(seen: IncomingMessage[], expected: OutgoingMessage[]): string[] {
  const problems: string[] = [];
  const firstSeen = new Map<string, string[]>();
  const once = new Set<string>();
  for (const m of seen) {
    if (once.has(text(m))) continue;
    once.add(text(m));
    firstSeen.set(m.key, [...(firstSeen.get(m.key) ?? []), text(m)]);
  }
  const wanted = new Map<string, string[]>();
  for (const m of expected) wanted.set(m.key, [...(wanted.get(m.key) ?? []), m.value.toString()]);
  for (const [key, values] of wanted) {
    const got = firstSeen.get(key) ?? [];
    if (got.join('|') !== values.join('|')) {
      problems.push(`${key}: expected ${values.length} in order, got ${got.length}: ${got.slice(0, 5).join(',')}…`);
    }
  }
  return problems;
}
