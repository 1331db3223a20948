import type { Pool } from 'pg';

/**
 * The event store's own schema, versioned. It lives beside (not inside) the read models'
 * TypeORM migrations so that the store depends on nothing but `pg`.
 */
export const EVENT_STORE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'events, streams and the append function',
    sql: /* sql */ `
CREATE SCHEMA IF NOT EXISTS event_store;

-- One row per stream: its head revision and hash, so a truncated tail is detectable.
CREATE TABLE event_store.streams (
  stream_name   text PRIMARY KEY,
  revision      bigint NOT NULL,
  last_hash     bytea NOT NULL,
  last_position bigint NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- global_position = xid8 * 4096 + index within the transaction (see docs/event-store.md):
-- position order is transaction order, so a reader that stops below the oldest in-flight
-- transaction can never be overtaken by a slower writer committing below it.
CREATE TABLE event_store.events (
  global_position  bigint PRIMARY KEY,
  stream_name      text NOT NULL,
  stream_revision  bigint NOT NULL,
  event_id         uuid NOT NULL,
  type             text NOT NULL,
  schema_version   smallint NOT NULL,
  data             jsonb NOT NULL,
  metadata         jsonb NOT NULL,
  recorded_at      timestamptz NOT NULL,
  hash_format      smallint NOT NULL,
  hash             bytea NOT NULL,
  prev_hash        bytea,
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_name, stream_revision)
);

CREATE FUNCTION event_store.append(
  p_stream text,
  p_expected_kind text,        -- 'no_stream' | 'stream_exists' | 'any' | 'exact'
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_versions smallint[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_digests bytea[]            -- SHA-256 of each event's canonical content (docs/event-hash.md)
) RETURNS TABLE (next_revision bigint, last_position bigint, replayed boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  n int := cardinality(p_ids);
  v_current bigint;
  v_last_hash bytea;
  v_last_position bigint;
  v_now timestamptz := now();
  v_now_us bigint := (extract(epoch FROM now()) * 1000000)::bigint;
  v_tx bigint;
  v_base bigint;
  v_first bigint;
  v_found int;
  v_positions bigint[] := '{}';
  v_hashes bytea[] := '{}';
  v_prevs bytea[] := '{}';
  v_prev bytea;
  c_zero constant bytea := decode(repeat('00', 32), 'hex');
  v_hash bytea;
  r record;
  i int;
BEGIN
  -- Serialise writers of one stream BEFORE this transaction takes its xid, so that a stream's
  -- revision order is also its global-position order.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 7340));
  v_tx := pg_current_xact_id()::text::bigint;

  SELECT s.revision, s.last_hash, s.last_position INTO v_current, v_last_hash, v_last_position
    FROM event_store.streams s WHERE s.stream_name = p_stream;
  IF NOT FOUND THEN v_current := -1; END IF;

  -- Idempotency: events already stored are a retry when they sit, unchanged and in order,
  -- where this append would have put them.
  SELECT count(*) INTO v_found FROM event_store.events e WHERE e.event_id = ANY (p_ids);
  IF v_found > 0 THEN
    i := 0;
    FOR r IN
      SELECT e.*, (extract(epoch FROM e.recorded_at) * 1000000)::bigint AS recorded_us, ord
        FROM unnest(p_ids) WITH ORDINALITY AS q(id, ord)
        LEFT JOIN event_store.events e ON e.event_id = q.id
       ORDER BY ord
    LOOP
      i := i + 1;
      IF r.event_id IS NULL OR r.stream_name IS DISTINCT FROM p_stream
         OR (i > 1 AND r.stream_revision <> v_first + i - 1)
         OR sha256('\\x01'::bytea || coalesce(r.prev_hash, c_zero)
                   || int8send(r.stream_revision) || int8send(r.recorded_us) || p_digests[i]) <> r.hash THEN
        RAISE EXCEPTION USING ERRCODE = 'EL002', MESSAGE = p_ids[i]::text,
          DETAIL = CASE WHEN r.event_id IS NULL THEN 'only part of the batch is stored'
                        WHEN r.stream_name IS DISTINCT FROM p_stream THEN 'stored in stream ' || r.stream_name
                        ELSE 'stored with other content or at another revision' END;
      END IF;
      IF i = 1 THEN
        v_first := r.stream_revision;
        IF (p_expected_kind = 'no_stream' AND v_first <> 0)
           OR (p_expected_kind = 'exact' AND v_first <> p_expected + 1) THEN
          RAISE EXCEPTION USING ERRCODE = 'EL002', MESSAGE = p_ids[1]::text,
            DETAIL = 'stored at revision ' || v_first || ', not where this append expects';
        END IF;
      END IF;
      v_base := r.global_position;
    END LOOP;
    RETURN QUERY SELECT v_first + n - 1, v_base, true;
    RETURN;
  END IF;

  IF (p_expected_kind = 'no_stream' AND v_current <> -1)
     OR (p_expected_kind = 'stream_exists' AND v_current = -1)
     OR (p_expected_kind = 'exact' AND v_current <> p_expected) THEN
    RAISE EXCEPTION USING ERRCODE = 'EL001', MESSAGE = p_stream, DETAIL = v_current::text;
  END IF;

  -- A caller's transaction that took its xid before this stream's last writer would put the new
  -- revision below the old one in the global order: refuse, retryable, rather than reorder.
  IF v_last_position >= v_tx * 4096 THEN
    RAISE EXCEPTION USING ERRCODE = '40001',
      MESSAGE = 'stream ' || p_stream || ' was appended by a younger transaction; retry the transaction';
  END IF;

  v_base := v_tx * 4096;
  SELECT coalesce(max(e.global_position) + 1, v_base) INTO v_first
    FROM event_store.events e WHERE e.global_position >= v_base AND e.global_position < v_base + 4096;
  IF v_first + n > v_base + 4096 THEN
    RAISE EXCEPTION USING ERRCODE = 'EL003', MESSAGE = 'more than 4096 events in one transaction';
  END IF;

  v_prev := v_last_hash;
  FOR i IN 1 .. n LOOP
    v_hash := sha256('\\x01'::bytea
                     || coalesce(v_prev, c_zero)
                     || int8send(v_current + i) || int8send(v_now_us) || p_digests[i]);
    v_prevs := v_prevs || v_prev;
    v_hashes := v_hashes || v_hash;
    v_positions := v_positions || (v_first + i - 1);
    v_prev := v_hash;
  END LOOP;

  INSERT INTO event_store.events (global_position, stream_name, stream_revision, event_id, type,
      schema_version, data, metadata, recorded_at, hash_format, hash, prev_hash)
  SELECT v_positions[k], p_stream, v_current + k, p_ids[k], p_types[k], p_versions[k], p_data[k],
         p_metadata[k], v_now, 1, v_hashes[k], v_prevs[k]
    FROM generate_subscripts(p_ids, 1) AS k;

  INSERT INTO event_store.streams AS s (stream_name, revision, last_hash, last_position)
  VALUES (p_stream, v_current + n, v_prev, v_first + n - 1)
  ON CONFLICT (stream_name) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash,
                                          last_position = excluded.last_position, updated_at = now();

  RETURN QUERY SELECT v_current + n, v_first + n - 1, false;
END
$fn$;
`,
  },
  {
    version: 2,
    name: 'events append-only: a trigger for everyone, and the ledger_appender role',
    sql: /* sql */ `
-- Issue 16: nothing in the database kept the events append-only. No one may change or remove an
-- event, whatever their grants; only the owner can take this guard off (ALTER TABLE … DISABLE
-- TRIGGER), which is itself the kind of act the hash chain exposes.
CREATE FUNCTION event_store.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'event_store.events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON event_store.events
  FOR EACH ROW EXECUTE FUNCTION event_store.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON event_store.events
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.refuse_change();

-- The role the ledger's store runs as (PostgresEventStore's \`role\` option): it reads and appends,
-- and holds no UPDATE, DELETE or TRUNCATE on the events. Stream heads move with each append.
-- Roles are per cluster: another database of the cluster may have made it already, and an owner
-- without CREATEROLE (a managed server) goes on without it.
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_appender') THEN
    CREATE ROLE ledger_appender NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR insufficient_privilege THEN
  RAISE NOTICE 'ledger_appender not created: %', SQLERRM;
END
$do$;
DO $do$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_appender') THEN
    GRANT USAGE ON SCHEMA event_store TO ledger_appender;
    GRANT SELECT, INSERT ON event_store.events TO ledger_appender;
    GRANT SELECT, INSERT, UPDATE ON event_store.streams TO ledger_appender;
    GRANT SELECT ON event_store.schema_migrations TO ledger_appender;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA event_store TO ledger_appender;
  END IF;
END
$do$;
`,
  },
  {
    version: 3,
    name: 'append_events: the head moved by a conditional write, the retry probe off the hot path',
    sql: /* sql */ `
-- Issue 13: the append did six statements per call (advisory lock, head read, an id probe for
-- retries, a position probe, the insert, the head upsert). Now:
--  * exact and no_stream appends take no advisory lock: the head row is moved only if it is still
--    at the revision read (UPDATE … WHERE revision = read, re-checked by PostgreSQL on the newest
--    row version), or inserted ON CONFLICT DO NOTHING for a new stream. A writer can only expect
--    revision R after R committed, so its xid is younger than R's writer's: revision order stays
--    position order. A caller's transaction that took its xid earlier is still refused (40001).
--  * any and stream_exists still serialise on the advisory lock before taking an xid; if an exact
--    writer moved the head in between, 40001 (the store's own appends retry it).
--  * the retry probe (are these ids stored?) runs only when the head is not where the append
--    expects, or when asked (p_probe: appends inside a caller's transaction, and the store's
--    second attempt after the unique event-id index refused a first one).
--  * the next position within the transaction is kept in a transaction-local setting instead of
--    probing the events' primary key.
CREATE FUNCTION event_store.stored_retry(
  p_stream text, p_expected_kind text, p_expected bigint, p_ids uuid[], p_digests bytea[]
) RETURNS TABLE (next_revision bigint, last_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  n int := cardinality(p_ids);
  v_first bigint;
  v_last bigint;
  c_zero constant bytea := decode(repeat('00', 32), 'hex');
  r record;
  i int := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM event_store.events e WHERE e.event_id = ANY (p_ids)) THEN
    RETURN;
  END IF;
  FOR r IN
    SELECT e.*, (extract(epoch FROM e.recorded_at) * 1000000)::bigint AS recorded_us, ord
      FROM unnest(p_ids) WITH ORDINALITY AS q(id, ord)
      LEFT JOIN event_store.events e ON e.event_id = q.id
     ORDER BY ord
  LOOP
    i := i + 1;
    IF r.event_id IS NULL OR r.stream_name IS DISTINCT FROM p_stream
       OR (i > 1 AND r.stream_revision <> v_first + i - 1)
       OR sha256('\\x01'::bytea || coalesce(r.prev_hash, c_zero)
                 || int8send(r.stream_revision) || int8send(r.recorded_us) || p_digests[i]) <> r.hash THEN
      RAISE EXCEPTION USING ERRCODE = 'EL002', MESSAGE = p_ids[i]::text,
        DETAIL = CASE WHEN r.event_id IS NULL THEN 'only part of the batch is stored'
                      WHEN r.stream_name IS DISTINCT FROM p_stream THEN 'stored in stream ' || r.stream_name
                      ELSE 'stored with other content or at another revision' END;
    END IF;
    IF i = 1 THEN
      v_first := r.stream_revision;
      IF (p_expected_kind = 'no_stream' AND v_first <> 0)
         OR (p_expected_kind = 'exact' AND v_first <> p_expected + 1) THEN
        RAISE EXCEPTION USING ERRCODE = 'EL002', MESSAGE = p_ids[1]::text,
          DETAIL = 'stored at revision ' || v_first || ', not where this append expects';
      END IF;
    END IF;
    v_last := r.global_position;
  END LOOP;
  RETURN QUERY SELECT v_first + n - 1, v_last;
END
$fn$;

CREATE FUNCTION event_store.append_events(
  p_stream text,
  p_expected_kind text,        -- 'no_stream' | 'stream_exists' | 'any' | 'exact'
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_versions smallint[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_digests bytea[],           -- SHA-256 of each event's canonical content (docs/event-hash.md)
  p_probe boolean              -- look for a stored retry before writing
) RETURNS TABLE (next_revision bigint, last_position bigint, replayed boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  n int := cardinality(p_ids);
  v_current bigint;
  v_last_hash bytea;
  v_last_position bigint;
  v_now timestamptz := now();
  v_tx bigint;
  v_base bigint;
  v_first bigint;
  v_next text;
  v_us bigint;
  v_prev bytea;
  v_hash bytea;
  v_prevs bytea[] := array_fill(NULL::bytea, ARRAY[n]);
  v_hashes bytea[] := array_fill(NULL::bytea, ARRAY[n]);
  v_retry record;
  v_serial boolean := p_expected_kind = 'any' OR p_expected_kind = 'stream_exists';
  c_zero constant bytea := decode(repeat('00', 32), 'hex');
BEGIN
  IF v_serial THEN
    -- Before this transaction takes its xid: see the migration's note.
    PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 7340));
  END IF;
  IF p_probe THEN
    SELECT * INTO v_retry FROM event_store.stored_retry(p_stream, p_expected_kind, p_expected, p_ids, p_digests);
    IF FOUND THEN
      RETURN QUERY SELECT v_retry.next_revision, v_retry.last_position, true;
      RETURN;
    END IF;
  END IF;

  SELECT s.revision, s.last_hash, s.last_position INTO v_current, v_last_hash, v_last_position
    FROM event_store.streams s WHERE s.stream_name = p_stream;
  IF NOT FOUND THEN v_current := -1; END IF;

  IF (p_expected_kind = 'no_stream' AND v_current <> -1)
     OR (p_expected_kind = 'stream_exists' AND v_current = -1)
     OR (p_expected_kind = 'exact' AND v_current <> p_expected) THEN
    IF NOT p_probe THEN
      SELECT * INTO v_retry FROM event_store.stored_retry(p_stream, p_expected_kind, p_expected, p_ids, p_digests);
      IF FOUND THEN
        RETURN QUERY SELECT v_retry.next_revision, v_retry.last_position, true;
        RETURN;
      END IF;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'EL001', MESSAGE = p_stream, DETAIL = v_current::text;
  END IF;

  v_tx := pg_current_xact_id()::text::bigint;
  -- A caller's transaction that took its xid before this stream's last writer would put the new
  -- revision below the old one in the global order: refuse, retryable, rather than reorder.
  IF v_last_position >= v_tx * 4096 THEN
    RAISE EXCEPTION USING ERRCODE = '40001',
      MESSAGE = 'stream ' || p_stream || ' was appended by a younger transaction; retry the transaction';
  END IF;

  -- Positions within this transaction: where its previous append (if any) stopped.
  v_base := v_tx * 4096;
  v_first := v_base;
  v_next := current_setting('event_store.next_position', true);
  IF v_next IS NOT NULL AND v_next <> '' AND v_next::bigint > v_base AND v_next::bigint < v_base + 4096 THEN
    v_first := v_next::bigint;
  END IF;
  IF v_first + n > v_base + 4096 THEN
    RAISE EXCEPTION USING ERRCODE = 'EL003', MESSAGE = 'more than 4096 events in one transaction';
  END IF;

  v_us := (extract(epoch FROM v_now) * 1000000)::bigint;
  v_prev := v_last_hash;
  FOR i IN 1 .. n LOOP
    v_hash := sha256('\\x01'::bytea || coalesce(v_prev, c_zero)
                     || int8send(v_current + i) || int8send(v_us) || p_digests[i]);
    v_prevs[i] := v_prev;
    v_hashes[i] := v_hash;
    v_prev := v_hash;
  END LOOP;

  -- The head moves only from where it was read: the optimistic check, made atomic.
  IF v_current = -1 THEN
    INSERT INTO event_store.streams (stream_name, revision, last_hash, last_position, created_at, updated_at)
    VALUES (p_stream, n - 1, v_prev, v_first + n - 1, v_now, v_now)
    ON CONFLICT (stream_name) DO NOTHING;
  ELSE
    UPDATE event_store.streams SET revision = v_current + n, last_hash = v_prev, last_position = v_first + n - 1,
                                   updated_at = v_now
     WHERE stream_name = p_stream AND revision = v_current;
  END IF;
  IF NOT FOUND THEN
    IF v_serial THEN
      RAISE EXCEPTION USING ERRCODE = '40001',
        MESSAGE = 'stream ' || p_stream || ' moved while this append held its lock; retry the transaction';
    END IF;
    SELECT s.revision INTO v_current FROM event_store.streams s WHERE s.stream_name = p_stream;
    IF NOT FOUND THEN v_current := -1; END IF;
    SELECT * INTO v_retry FROM event_store.stored_retry(p_stream, p_expected_kind, p_expected, p_ids, p_digests);
    IF FOUND THEN
      RETURN QUERY SELECT v_retry.next_revision, v_retry.last_position, true;
      RETURN;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'EL001', MESSAGE = p_stream, DETAIL = v_current::text;
  END IF;

  INSERT INTO event_store.events (global_position, stream_name, stream_revision, event_id, type,
      schema_version, data, metadata, recorded_at, hash_format, hash, prev_hash)
  SELECT v_first + k - 1, p_stream, v_current + k, p_ids[k], p_types[k], p_versions[k], p_data[k],
         p_metadata[k], v_now, 1, v_hashes[k], v_prevs[k]
    FROM generate_subscripts(p_ids, 1) AS k;

  PERFORM set_config('event_store.next_position', (v_first + n)::text, true);
  RETURN QUERY SELECT v_current + n, v_first + n - 1, false;
END
$fn$;

-- The six-statement function is replaced (no caller is left).
DROP FUNCTION event_store.append(text, text, bigint, uuid[], text[], smallint[], jsonb[], jsonb[], bytea[]);

DO $do$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_appender') THEN
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA event_store TO ledger_appender;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'ledger_appender not granted: %', SQLERRM;
END
$do$;
`,
  },
];

const MIGRATION_LOCK = 7340001;

/** Applies pending migrations once, even when several processes start together. */
export async function migrateEventStore(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS event_store;
      CREATE TABLE IF NOT EXISTS event_store.schema_migrations (
        version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM event_store.schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of EVENT_STORE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO event_store.schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
