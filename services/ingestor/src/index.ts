export { startIngestor, INGESTOR_GROUP, type Ingestor, type IngestorOptions } from './ingestor';
export { ingestBatch, type BatchOutcome, type DecodedTouchpoint, type IdentityKeys } from './batch';
export { ingestorMetrics, type IngestorMetrics } from './metrics';
export { IdentityCache } from './identity-cache';
export { DEAD_LETTER_HEADERS, deadLetterMessage, type DeadLetter } from './dead-letters';
export { unmergeCustomer } from './unmerge';
