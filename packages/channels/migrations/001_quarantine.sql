-- Quarantined inputs, as read from the quarantine topic: listed, repaired and
-- re-submitted by operators. The topic is the record; this table is its index.
CREATE TABLE quarantine (
  id text PRIMARY KEY,
  adapter text NOT NULL,
  channel text NOT NULL,
  source_key_id text NOT NULL,
  reason text NOT NULL,
  issues jsonb NOT NULL,
  content_type text NOT NULL,
  raw bytea NOT NULL,
  raw_sha256 text NOT NULL,
  quarantined_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resubmitted')),
  resubmitted_at timestamptz
);
CREATE INDEX quarantine_open ON quarantine (status, quarantined_at DESC);
