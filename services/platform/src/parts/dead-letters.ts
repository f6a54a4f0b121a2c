import { apiTokenStore } from '@c360/auth';
import { deadLetterAdminRoutes, deadLetterArchive, migrateIngestor } from '@c360/ingestor';
import type { ServicePart } from './part';
import type { Resources } from '../resources';

/**
 * The dead-letter archive, run beside the ingestor: follows the dead-letter topic into
 * SQL (consumer group `c360-dlq-archive`) and serves /v1/admin/dead-letters (list,
 * show, retry to the touchpoint topic).
 */
export async function startDeadLetterArchive({
  config,
  sql,
  bus,
}: Pick<Resources, 'config' | 'sql' | 'bus'>): Promise<ServicePart> {
  await migrateIngestor(sql);
  const archive = deadLetterArchive(sql);
  const opened = await bus();
  const consumer = archive.follow(opened, config.C360_TOPIC_DLQ);
  await consumer.ready;
  return {
    routes: deadLetterAdminRoutes({
      archive,
      bus: opened,
      tokens: apiTokenStore(sql),
      topics: { touchpoints: config.C360_TOPIC_TOUCHPOINTS },
    }),
    stop: () => consumer.stop(),
  };
}
