-- The dead-letter archive: every message the ingestor gave up on, as read from the
-- dead-letter topic, with its original bytes, key and headers (without the
-- c360-dlq-* ones, kept in columns), so an operator can inspect and retry it.
-- One row per original message: a redelivered dead letter changes nothing.
CREATE TABLE dead_letters (
  id bigserial PRIMARY KEY,
  origin_topic text NOT NULL,
  origin_partition integer NOT NULL,
  origin_offset bigint NOT NULL,
  message_key text NOT NULL,
  value bytea NOT NULL,
  headers jsonb NOT NULL,
  error text NOT NULL,
  code text NOT NULL,
  stage text NOT NULL,
  dead_at timestamptz NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  retried_at timestamptz,
  retries integer NOT NULL DEFAULT 0,
  UNIQUE (origin_topic, origin_partition, origin_offset)
);
CREATE INDEX dead_letters_open ON dead_letters (id) WHERE retried_at IS NULL;
