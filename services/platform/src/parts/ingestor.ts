import { ingestorMetrics, startIngestor as startIngestorConsumer } from '@c360/ingestor';
import { startDeadLetterArchive } from './dead-letters';
import type { StartService } from './part';

/** The ingestor: resolves identities from the touchpoint topic into the event store. */
export const startIngestor: StartService = async ({
  config,
  sql,
  registry,
  policy,
  logger,
  bus,
  eventStore,
  keyring,
}) => {
  const log = logger.child({ component: 'ingestor' });
  const ingestor = startIngestorConsumer({
    bus: await bus(),
    store: await eventStore(),
    keys: await keyring(),
    policy,
    topics: { touchpoints: config.C360_TOPIC_TOUCHPOINTS, dlq: config.C360_TOPIC_DLQ },
    metrics: ingestorMetrics(registry),
    // Its messages are retries and dead letters: worth a look, not a page.
    log: (message, error) => log.warn(error === undefined ? {} : { err: error }, message),
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
