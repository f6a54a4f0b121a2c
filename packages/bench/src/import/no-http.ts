/**
 * The second reference: the import itself without HTTP and without the bus. The adapter's
 * format is not exported on its own, so it is reached through the adapter's `reprocess`
 * (`importCsv` with the same format, as for a quarantined input): every row parsed,
 * checked and mapped, every touchpoint checked against the contract and Avro-encoded by
 * the intake — onto a bus that only counts what it is handed. `reprocess` takes its input
 * as one buffer, so the file goes in as slices of whole records (~1 MB, each with the
 * header), one after the other.
 */
import { Registry } from 'prom-client';
import type { SourceKey, SourceKeyStore } from '@c360/auth';
import type { Bus, OutgoingMessage } from '@c360/bus';
import { channelMetrics, createIntake, type AdapterContext, type ChannelAdapter } from '@c360/channels';
import { TOPICS } from '../collect/ours';
import type { CsvWorkload } from './files';

export interface WithoutHttp {
  accepted: number;
  quarantined: number;
  /** Messages handed to the bus, by topic. */
  published: Record<string, number>;
  /** Bytes of the Avro-encoded touchpoints. */
  encodedBytes: number;
}

/** A bus that keeps nothing: it counts the messages and bytes it is handed. */
function countingBus(counts: WithoutHttp): Bus {
  const unused = (): never => {
    throw new Error('the import without a bus only publishes');
  };
  return {
    ensureTopics: async () => undefined,
    async publish(topic: string, messages: OutgoingMessage[]) {
      counts.published[topic] = (counts.published[topic] ?? 0) + messages.length;
      if (topic === TOPICS.touchpoints) for (const m of messages) counts.encodedBytes += m.value.length;
    },
    consume: unused,
    lag: unused,
    close: async () => undefined,
  };
}

export async function importWithoutHttp(adapter: ChannelAdapter, file: CsvWorkload): Promise<WithoutHttp> {
  if (!adapter.reprocess) throw new Error(`${adapter.name} cannot re-run an input`);
  const result: WithoutHttp = { accepted: 0, quarantined: 0, published: {}, encodedBytes: 0 };
  const context: AdapterContext = {
    intake: createIntake({ bus: countingBus(result), topics: TOPICS, metrics: channelMetrics(new Registry()) }),
    // Re-running an input never looks a write key up.
    sourceKeys: undefined as unknown as SourceKeyStore,
    now: () => new Date(),
  };
  const source: SourceKey = {
    id: 'bench-import',
    name: 'bench:import',
    channel: adapter.channel === 'pos' ? 'pos' : 'call_center',
    createdAt: new Date(),
    revokedAt: null,
  };
  for (const raw of file.slices) {
    const outcome = await adapter.reprocess({ source, contentType: 'text/csv; charset=utf-8', raw }, context);
    result.accepted += outcome.accepted;
    result.quarantined += outcome.quarantined;
  }
  return result;
}
