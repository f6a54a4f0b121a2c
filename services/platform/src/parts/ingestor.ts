import { ingestorMetrics, startIngestor as startIngestorConsumer } from '@c360/ingestor';
import { startDeadLetterArchive } from './dead-letters';
import type { StartService } from './part';

/** The ingestor: resolves identities from the touchpoint topic into the event store. */
export const startIngestor: StartService = async ({ config, sql, registry, policy, log, bus, eventStore, keyring }) => {
  const ingestor = startIngestorConsumer({
    bus: await bus(),
    store: await eventStore(),
    keys: await keyring(),
    policy,
    topics: { touchpoints: config.C360_TOPIC_TOUCHPOINTS, dlq: config.C360_TOPIC_DLQ },
    metrics: ingestorMetrics(registry),
    log: log ? (message, error) => log(error ? `${message}: ${String(error)}` : message) : undefined,
  });
  await ingestor.consumer.ready;
  const deadLetters = await startDeadLetterArchive({ config, sql, bus });
  return {
    routes: deadLetters.routes,
    stop: async () => {
      await ingestor.stop();
      await deadLetters.stop();
    },
  };
};
