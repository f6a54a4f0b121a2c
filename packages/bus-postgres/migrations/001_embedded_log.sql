-- The embedded log: Kafka's model (topics, partitions, offsets, consumer groups) in
-- PostgreSQL tables, for the one-process default.
--
-- Offsets are dense per partition and in commit order: a publisher locks the
-- partition row (SELECT ... FOR UPDATE, in partition order) before taking offsets
-- and holds it until commit, so a reader that sees offset n has seen every offset
-- below n.

CREATE TABLE bus_partitions (
  topic text NOT NULL,
  partition integer NOT NULL,
  next_offset bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (topic, partition)
);

CREATE TABLE bus_messages (
  topic text NOT NULL,
  partition integer NOT NULL,
  "offset" bigint NOT NULL,
  key text NOT NULL,
  value bytea NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, "offset")
);

-- Group membership: a member that stops heartbeating for the session timeout is
-- removed by the next member that heartbeats.
CREATE TABLE bus_group_members (
  group_id text NOT NULL,
  topic text NOT NULL,
  member_id text NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, topic, member_id)
);

-- Which member may handle a partition now. Commits check the lease under a row lock,
-- so a member that lost its partition cannot commit over its successor.
CREATE TABLE bus_partition_leases (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  member_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
);

-- Committed position per group and partition: the next offset to deliver (as Kafka).
CREATE TABLE bus_group_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  next_offset bigint NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);
