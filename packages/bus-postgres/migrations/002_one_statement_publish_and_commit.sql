-- Publishing and committing in one statement each, so no row lock is held across
-- a client round trip: the lock is taken, used and released (at COMMIT) inside the
-- server.

-- Appends messages to any number of (topic, partition)s. The arrays run parallel,
-- one element per message; the values travel as one bytea (`blob`) cut by `sizes`,
-- and the headers as one JSON array. Offsets are dense per partition and follow
-- array order. Partition rows are locked in (topic, partition) order, so
-- concurrent publishers never deadlock, and held until COMMIT, so a reader that
-- sees offset n has seen every offset below n. A message for a partition that does
-- not exist fails the whole call (SQLSTATE 23503); nothing is stored.
CREATE FUNCTION bus_publish(
  topics text[],
  partitions integer[],
  keys text[],
  blob bytea,
  sizes integer[],
  headers jsonb
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  stored bigint;
BEGIN
  PERFORM 1 FROM bus_partitions b
    WHERE (b.topic, b.partition) IN (SELECT DISTINCT u.t, u.p FROM unnest(topics, partitions) AS u(t, p))
    ORDER BY b.topic, b.partition
    FOR UPDATE;
  -- A new statement, so a new snapshot: it sees what the previous lock holders committed.
  INSERT INTO bus_messages (topic, partition, "offset", key, value, headers)
  SELECT m.t, m.p, b.next_offset + m.rank, m.k, substring(blob FROM m.start::integer FOR m.size), h.value
    FROM (
      SELECT u.t, u.p, u.k, u.size, u.n,
             1 + sum(u.size) OVER (ORDER BY u.n) - u.size AS start,
             row_number() OVER (PARTITION BY u.t, u.p ORDER BY u.n) - 1 AS rank
        FROM unnest(topics, partitions, keys, sizes) WITH ORDINALITY AS u(t, p, k, size, n)
    ) m
    JOIN bus_partitions b ON b.topic = m.t AND b.partition = m.p
    JOIN jsonb_array_elements(headers) WITH ORDINALITY AS h(value, n) ON h.n = m.n;
  GET DIAGNOSTICS stored = ROW_COUNT;
  IF stored <> cardinality(topics) OR cardinality(topics) <> jsonb_array_length(headers) THEN
    RAISE EXCEPTION 'bus_publish: % of % messages have a known partition and headers', stored, cardinality(topics)
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  UPDATE bus_partitions b SET next_offset = b.next_offset + c.n
    FROM (SELECT u.t, u.p, count(*) AS n FROM unnest(topics, partitions) AS u(t, p) GROUP BY u.t, u.p) c
   WHERE b.topic = c.t AND b.partition = c.p;
END
$$;

-- Commits the next offsets of a member's partitions: each one only if the member
-- still holds that partition's lease, checked and renewed under the lease's row
-- lock (a successor taking over waits for this commit). Rows are locked one at a
-- time in partition order, as the heartbeat takes them, so the two never deadlock.
-- Returns the partitions committed; a missing one lost its lease, and its batch
-- will be redelivered to the new owner.
CREATE FUNCTION bus_commit_offsets(
  group_name text,
  topic_name text,
  member_name text,
  partitions integer[],
  next_offsets bigint[],
  session_timeout interval
) RETURNS SETOF integer LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT u.p, u.o FROM unnest(partitions, next_offsets) AS u(p, o) ORDER BY u.p LOOP
    UPDATE bus_partition_leases SET expires_at = clock_timestamp() + session_timeout
     WHERE group_id = group_name AND topic = topic_name AND partition = c.p AND member_id = member_name
       AND expires_at > clock_timestamp();
    CONTINUE WHEN NOT FOUND;
    INSERT INTO bus_group_offsets (group_id, topic, partition, next_offset) VALUES (group_name, topic_name, c.p, c.o)
    ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, committed_at = now();
    RETURN NEXT c.p;
  END LOOP;
END
$$;
