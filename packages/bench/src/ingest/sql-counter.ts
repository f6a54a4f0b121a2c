import type { StatementKinds } from '../sql-counter';

/** What the ingestor's store and keyring run (never the bus), by kind. */
export const INGEST_STATEMENTS: StatementKinds = [
  ['es_append_many', /es_append_many\(/],
  ['es_append', /es_append\(/],
  ['readAll', /global_position >/],
  ['readStream(s)', /^\s*SELECT[\s\S]*\bes_events\b/],
  ['keyring select', /^\s*SELECT[\s\S]*\bkeyring_keys\b/],
  ['keyring insert', /^\s*INSERT INTO keyring_keys\b/],
];
