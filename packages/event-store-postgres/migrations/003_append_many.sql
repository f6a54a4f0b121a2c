-- The multi-stream batch append in one round trip and a fixed number of
-- statements, whatever the batch size.
--
-- es_append_many applies a batch of requests with exactly the semantics of one
-- es_append per request in request order (idempotent replay, C3602 for a partial
-- replay, expected revision, C3603), in the caller's transaction: a single
-- statement on a pool is its own transaction, so a batch is all or nothing.
-- Conflict errors carry the failing request's 0-based index as DETAIL.
--
-- Arguments: per request, p_stream_ids, p_expected (as for es_append) and
-- p_counts (its number of events); per event, the requests' events one after
-- the other, p_ids and p_types, and the JSON arrays p_data and p_metadata.
-- Returns one row per request: its index, next revision and last position.
--
-- How: every stream row of the batch is created if missing and locked, in
-- stream-id order (so two batches over the same streams in different request
-- orders queue instead of deadlocking); the streams' states and the ids already
-- stored are read in one query each; the requests are then decided in a loop
-- over arrays, without SQL; the events are written by one INSERT and the
-- streams by one UPDATE.
CREATE FUNCTION es_append_many(
  p_stream_ids text[],
  p_expected text[],
  p_counts integer[],
  p_ids uuid[],
  p_types text[],
  p_data jsonb,
  p_metadata jsonb
) RETURNS TABLE (request_index integer, next_revision bigint, last_position bigint)
LANGUAGE plpgsql
-- Every row this function reads or writes is found by key. For a few hundred
-- keys on tables of 10^4-10^5 rows the planner prefers sequential scans (and
-- hash joins over them), which then grow with the tables.
SET enable_seqscan = off
AS $$
DECLARE
  v_requests integer := coalesce(cardinality(p_stream_ids), 0);
  v_events integer := coalesce(cardinality(p_ids), 0);
  -- Per request: the stream's state before the batch, the previous request to
  -- the same stream, and the stream's state after the request.
  v_initial_revision bigint[];
  v_initial_deleted boolean[];
  v_prev integer[];
  v_revision bigint[];
  v_deleted boolean[];
  -- Per event: where it is already stored (this stream), the same id in an
  -- earlier request to the same stream, and its final revision and position.
  v_stored_revision bigint[];
  v_stored_position bigint[];
  v_same_as integer[];
  v_revision_of bigint[];
  v_position_of bigint[];
  v_write boolean[];
  v_stream_of text[];
  -- Loop state.
  v_stream text;
  v_r integer := 0;
  v_g integer := 0;
  v_from integer := 1;
  v_to integer;
  v_n integer;
  v_found integer;
  v_current_revision bigint;
  v_current_deleted boolean;
  v_current bigint;
  v_expected text;
  v_seq0 bigint;
  v_seq bigint;
  v_base bigint;
BEGIN
  IF coalesce(cardinality(p_expected), 0) <> v_requests
     OR coalesce(cardinality(p_counts), 0) <> v_requests
     OR coalesce(cardinality(p_types), 0) <> v_events
     OR coalesce(jsonb_array_length(p_data), 0) <> v_events
     OR coalesce(jsonb_array_length(p_metadata), 0) <> v_events
     OR coalesce((SELECT sum(c) FROM unnest(p_counts) AS c), 0) <> v_events
     OR EXISTS (SELECT FROM unnest(p_counts) AS c WHERE c IS NULL OR c < 1) THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'es_append_many: argument lengths do not match';
  END IF;
  IF v_requests = 0 THEN
    RETURN;
  END IF;

  INSERT INTO es_streams (stream_id)
  SELECT DISTINCT x.stream_id FROM unnest(p_stream_ids) AS x(stream_id) ORDER BY 1
  ON CONFLICT DO NOTHING;
  PERFORM FROM es_streams s WHERE s.stream_id = ANY (p_stream_ids) ORDER BY s.stream_id FOR UPDATE;

  SELECT array_agg(s.revision ORDER BY u.r), array_agg(s.deleted ORDER BY u.r), array_agg(u.prev ORDER BY u.r)
    INTO v_initial_revision, v_initial_deleted, v_prev
    FROM (SELECT x.stream_id, x.r::integer AS r,
                 lag(x.r::integer) OVER (PARTITION BY x.stream_id ORDER BY x.r) AS prev
            FROM unnest(p_stream_ids) WITH ORDINALITY AS x(stream_id, r)) u
    CROSS JOIN LATERAL (SELECT s.revision, s.deleted FROM es_streams s WHERE s.stream_id = u.stream_id LIMIT 1) s;

  v_stream_of := array_fill(NULL::text, ARRAY[v_events]);
  FOREACH v_stream IN ARRAY p_stream_ids LOOP
    v_r := v_r + 1;
    FOR k IN 1 .. p_counts[v_r] LOOP
      v_g := v_g + 1;
      v_stream_of[v_g] := v_stream;
    END LOOP;
  END LOOP;

  -- With the stream rows locked, every committed append to these streams is
  -- visible here. (LIMIT 1 in these lateral lookups keeps each one an index
  -- lookup by key, whatever the row estimates.)
  SELECT array_agg(e.stream_revision ORDER BY u.g), array_agg(e.global_position ORDER BY u.g),
         array_agg(CASE WHEN u.first_g < u.g THEN u.first_g END ORDER BY u.g)
    INTO v_stored_revision, v_stored_position, v_same_as
    FROM (SELECT x.g::integer AS g, x.stream_id, x.id,
                 min(x.g::integer) OVER (PARTITION BY x.stream_id, x.id) AS first_g
            FROM unnest(v_stream_of, p_ids) WITH ORDINALITY AS x(stream_id, id, g)) u
    LEFT JOIN LATERAL (SELECT e.stream_revision, e.global_position FROM es_events e
                        WHERE e.stream_id = u.stream_id AND e.event_id = u.id LIMIT 1) e ON true;

  v_revision := array_fill(NULL::bigint, ARRAY[v_requests]);
  v_deleted := array_fill(NULL::boolean, ARRAY[v_requests]);
  v_revision_of := array_fill(NULL::bigint, ARRAY[v_events]);
  v_position_of := array_fill(NULL::bigint, ARRAY[v_events]);
  v_write := array_fill(false, ARRAY[v_events]);
  v_seq0 := coalesce(nullif(current_setting('c360.es_seq', true), '')::bigint, 0);
  v_seq := v_seq0;
  v_base := pg_current_xact_id()::text::bigint << 16;

  FOR r IN 1 .. v_requests LOOP
    v_n := p_counts[r];
    v_to := v_from + v_n - 1;
    IF v_prev[r] IS NULL THEN
      v_current_revision := v_initial_revision[r];
      v_current_deleted := v_initial_deleted[r];
    ELSE
      v_current_revision := v_revision[v_prev[r]];
      v_current_deleted := v_deleted[v_prev[r]];
    END IF;

    v_found := 0;
    FOR g IN v_from .. v_to LOOP
      IF v_stored_revision[g] IS NOT NULL THEN
        v_found := v_found + 1;
        v_revision_of[g] := v_stored_revision[g];
        v_position_of[g] := v_stored_position[g];
      ELSIF v_same_as[g] IS NOT NULL THEN
        v_found := v_found + 1;
        v_revision_of[g] := v_revision_of[v_same_as[g]];
        v_position_of[g] := v_position_of[v_same_as[g]];
      END IF;
    END LOOP;

    IF v_found = v_n THEN
      -- Idempotent replay: everything is already there; the stream does not change.
      next_revision := NULL;
      last_position := NULL;
      FOR g IN v_from .. v_to LOOP
        next_revision := greatest(next_revision, v_revision_of[g]);
        last_position := greatest(last_position, v_position_of[g]);
      END LOOP;
      v_revision[r] := v_current_revision;
      v_deleted[r] := v_current_deleted;
    ELSIF v_found > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'C3602',
        MESSAGE = format('%s of %s events are already in stream %s', v_found, v_n, p_stream_ids[r]),
        DETAIL = (r - 1)::text;
    ELSE
      -- A soft-deleted stream (or one never written) counts as not existing.
      v_current := CASE WHEN v_current_deleted THEN -1 ELSE v_current_revision END;
      v_expected := p_expected[r];
      IF (v_expected = 'no_stream' AND v_current <> -1)
         OR (v_expected = 'stream_exists' AND v_current = -1)
         OR (v_expected NOT IN ('any', 'no_stream', 'stream_exists') AND v_expected::bigint <> v_current) THEN
        RAISE EXCEPTION USING ERRCODE = 'C3601', MESSAGE = v_current::text, DETAIL = (r - 1)::text;
      END IF;
      FOR g IN v_from .. v_to LOOP
        v_revision_of[g] := v_current_revision + 1 + (g - v_from);
        v_position_of[g] := v_base + v_seq + (g - v_from);
        v_write[g] := true;
      END LOOP;
      v_seq := v_seq + v_n;
      v_revision[r] := v_current_revision + v_n;
      v_deleted[r] := false;
      next_revision := v_current_revision + v_n;
      last_position := v_position_of[v_to];
    END IF;

    request_index := r - 1;
    RETURN NEXT;
    v_from := v_to + 1;
  END LOOP;

  IF v_seq = v_seq0 THEN
    RETURN;
  END IF;
  IF v_seq > 65536 THEN
    RAISE EXCEPTION USING ERRCODE = 'C3603', MESSAGE = 'more than 65536 events in one transaction';
  END IF;
  PERFORM set_config('c360.es_seq', v_seq::text, true);

  INSERT INTO es_events (global_position, stream_id, stream_revision, event_id, type, data, metadata)
  SELECT w.position, w.stream_id, w.revision, w.id, w.type, p_data -> (w.g::integer - 1), p_metadata -> (w.g::integer - 1)
    FROM unnest(v_position_of, v_stream_of, v_revision_of, p_ids, p_types, v_write)
         WITH ORDINALITY AS w(position, stream_id, revision, id, type, write, g)
   WHERE w.write;

  UPDATE es_streams s SET revision = w.revision, deleted = false
    FROM (SELECT x.stream_id, max(x.revision) AS revision
            FROM unnest(v_stream_of, v_revision_of, v_write) AS x(stream_id, revision, write)
           WHERE x.write GROUP BY x.stream_id) w
   WHERE s.stream_id = w.stream_id;
END;
$$;
