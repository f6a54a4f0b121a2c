export { startIngestor, INGESTOR_GROUP, type Ingestor, type IngestorOptions } from './ingestor';
export { ingestBatch, type BatchOutcome, type DecodedTouchpoint, type IdentityKeys } from './batch';
export { ingestorMetrics, type IngestorMetrics } from './metrics';
export { IdentityCache } from './identity-cache';
export { DEAD_LETTER_HEADERS, deadLetterMessage, type DeadLetter } from './dead-letters';
export { unmergeCustomer } from './unmerge';
export {
  deadLetterArchive,
  DEAD_LETTER_ARCHIVE_GROUP,
  type ArchivedDeadLetter,
  type DeadLetterArchive,
  type DeadLetterStatus,
} from './dead-letter-archive';
export { deadLetterAdminRoutes } from './dead-letter-routes';
export { migrateIngestor } from './migrate';
