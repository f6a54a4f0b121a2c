import { fileURLToPath } from 'node:url';
import { loadMigrations, migrate, type Sql } from '@c360/sql';

export type { AdapterContext, ChannelAdapter, RawInput, ReprocessOutcome } from './adapter';
export { deliver, emptySorted, sortTouchpoint, type Rejected, type Sorted } from './async-input';
export { bodyBytes, rawBody } from './raw-body';
export { parseJsonBody } from './json-body';
export {
  CARD_NUMBER_MESSAGE,
  cardNumberPaths,
  containsCardNumber,
  gtinValid,
  luhnValid,
  redactCardNumbers,
} from './card-number';
export { createCollector, type CollectorOptions } from './collector';
export {
  CSV_CONTENT_TYPE,
  csvImportHandler,
  DEFAULT_CSV_LIMITS,
  importCsv,
  MAX_LISTED_ERRORS,
  reprocessCsv,
  type CsvRowError,
  type CsvFormat,
  type CsvLimits,
  type CsvMapper,
  type CsvOutcome,
  type CsvProgress,
  type CsvSummary,
} from './csv-import';
export { csvPath, type CsvColumns, type CsvRow } from './csv-records';
export {
  createIntake,
  partitionKey,
  sha256Hex,
  type Intake,
  type IntakeTopics,
  type QuarantineInput,
  type QuarantineMessage,
} from './intake';
export { channelMetrics, type ChannelMetrics } from './metrics';
export { quarantineStore, type QuarantineRecord, type QuarantineStore } from './quarantine-store';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the quarantine index's migrations. */
export async function migrateChannels(sql: Sql): Promise<void> {
  await migrate(sql, { component: 'channels', migrations: await loadMigrations(MIGRATIONS_DIR) });
}
