-- Read models of the unified customer profile, built by the projector from the
-- event store (and rebuildable from position 0). Personal values are stored in
-- clear here, for search; the query API masks them for roles that may not see them.
-- "owner" is always the live customer a row belongs to now (merges followed);
-- "customer_id" is the customer whose stream the fact came from.

CREATE TABLE rm_profiles (
  customer_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('live', 'merged')),
  merged_into text,
  created_at timestamptz NOT NULL,
  first_seen_at timestamptz,
  last_seen_at timestamptz,
  touchpoint_count integer NOT NULL DEFAULT 0,
  channels text[] NOT NULL DEFAULT '{}',
  display_name text,
  traits jsonb NOT NULL DEFAULT '{}',
  computed jsonb NOT NULL DEFAULT '{}',
  lifetime_value bigint NOT NULL DEFAULT 0,
  updated_position bigint NOT NULL DEFAULT 0
);
CREATE INDEX rm_profiles_name ON rm_profiles (lower(display_name) text_pattern_ops) WHERE status = 'live';
CREATE INDEX rm_profiles_value ON rm_profiles (lifetime_value) WHERE status = 'live';

CREATE TABLE rm_identifiers (
  type text NOT NULL,
  hash text NOT NULL,
  value text NOT NULL,
  customer_id text NOT NULL,
  owner_id text NOT NULL,
  touchpoint_id uuid NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (type, hash)
);
CREATE INDEX rm_identifiers_owner ON rm_identifiers (owner_id);
CREATE INDEX rm_identifiers_value ON rm_identifiers (value text_pattern_ops);

CREATE TABLE rm_contact_history (
  touchpoint_id uuid PRIMARY KEY,
  customer_id text NOT NULL,
  owner_id text NOT NULL,
  channel text NOT NULL,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  -- Non-personal facts for lists (amount, category, disposition …).
  summary jsonb NOT NULL,
  -- The computed-traits input (@c360/traits ContactFact) and the opened touchpoint.
  fact jsonb NOT NULL,
  detail jsonb NOT NULL,
  source jsonb NOT NULL,
  global_position bigint NOT NULL
);
CREATE INDEX rm_contact_history_owner ON rm_contact_history (owner_id, occurred_at DESC, touchpoint_id DESC);
CREATE INDEX rm_contact_history_customer ON rm_contact_history (customer_id);

-- Every merge, and its reversal: why these identities are one customer.
CREATE TABLE rm_merges (
  absorbed_id text NOT NULL,
  survivor_id text NOT NULL,
  touchpoint_id uuid NOT NULL,
  rule_version text NOT NULL,
  evidence jsonb NOT NULL,
  merged_at timestamptz NOT NULL,
  reverted_at timestamptz,
  revert_reason text,
  PRIMARY KEY (absorbed_id, survivor_id, touchpoint_id)
);
CREATE INDEX rm_merges_survivor ON rm_merges (survivor_id) WHERE reverted_at IS NULL;

-- Identity decisions per customer (links, merges, conflicts, reversals), in store order.
CREATE TABLE rm_identity_log (
  customer_id text NOT NULL,
  global_position bigint NOT NULL,
  kind text NOT NULL,
  touchpoint_id text,
  rule_version text,
  detail jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, global_position)
);

CREATE TABLE rm_checkpoints (
  projection text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
