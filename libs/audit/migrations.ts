import type { Pool } from 'pg';

/**
 * The verifiable log's own schema (`audit_log`, docs/audit.md). The tree is stored as its perfect
 * subtrees: adding leaf n writes node (0, n) and each subtree it completes, so the log grows by
 * O(1) rows per event on average and is never recomputed. The hashing is RFC 9162's, in SQL, so
 * one statement adds a batch.
 */
const SQL = /* sql */ `
CREATE SCHEMA IF NOT EXISTS audit_log;

CREATE TABLE IF NOT EXISTS audit_log.tree (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  size          bigint NOT NULL,
  last_position bigint NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_log.tree (size, last_position) VALUES (0, 0) ON CONFLICT DO NOTHING;

-- Leaf n is the event at the n-th place of the global order; its input is the event's stored hash.
CREATE TABLE IF NOT EXISTS audit_log.leaves (
  leaf_index      bigint PRIMARY KEY,
  global_position bigint NOT NULL UNIQUE,
  event_id        uuid NOT NULL UNIQUE,
  stream_name     text NOT NULL,
  stream_revision bigint NOT NULL,
  event_hash      bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS leaves_stream ON audit_log.leaves (stream_name, stream_revision);

-- The hash of the 2^level leaves from idx * 2^level.
CREATE TABLE IF NOT EXISTS audit_log.nodes (
  level smallint NOT NULL,
  idx   bigint NOT NULL,
  hash  bytea NOT NULL,
  PRIMARY KEY (level, idx)
);

-- Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed-note), one per tree size.
CREATE TABLE IF NOT EXISTS audit_log.checkpoints (
  tree_size bigint PRIMARY KEY,
  root      bytea NOT NULL,
  note      text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now()
);

-- Policy refusals (不予受理): a decision too, kept here so the worker's entitlement streams stay
-- untouched. One row per refused request: a retried request (same Idempotency-Key) adds none.
CREATE TABLE IF NOT EXISTS audit_log.refusals (
  id               uuid PRIMARY KEY,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  subject_id       text NOT NULL,
  stream_name      text NOT NULL,
  command_type     text NOT NULL,
  command          jsonb NOT NULL,
  actor_department text NOT NULL,
  actor_principal  text NOT NULL,
  rule_id          text NOT NULL,
  source           text NOT NULL,
  quote            text NOT NULL,
  pack_id          text,
  pack_version     text,
  detail           text NOT NULL,
  refusal          jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS refusals_subject ON audit_log.refusals (subject_id, recorded_at);

-- The policy packs decisions were made under, each version as it was (pack-archive.ts): the
-- canonical JSON text and its SHA-256, so re-deciding a past decision uses its own version.
CREATE TABLE IF NOT EXISTS audit_log.pack_versions (
  pack_id      text NOT NULL,
  pack_version text NOT NULL,
  digest       text NOT NULL,
  content      text NOT NULL,
  archived_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pack_id, pack_version)
);

CREATE OR REPLACE FUNCTION audit_log.add_leaves(
  p_expected_size bigint,
  p_positions bigint[],
  p_ids uuid[],
  p_streams text[],
  p_revisions bigint[],
  p_hashes bytea[]
) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  v_size bigint;
  v_last bigint;
  v_hash bytea;
  v_left bytea;
  v_idx bigint;
  v_level smallint;
  i int;
BEGIN
  SELECT size, last_position INTO v_size, v_last FROM audit_log.tree FOR UPDATE;
  -- Another writer got there first: the caller re-reads where the log stands.
  IF v_size <> p_expected_size THEN
    RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'the audit log grew meanwhile';
  END IF;
  FOR i IN 1 .. coalesce(cardinality(p_positions), 0) LOOP
    IF p_positions[i] <= v_last THEN
      RAISE EXCEPTION 'position % is not after the log''s last position %', p_positions[i], v_last;
    END IF;
    v_hash := sha256('\\x00'::bytea || p_hashes[i]);
    INSERT INTO audit_log.leaves VALUES (v_size, p_positions[i], p_ids[i], p_streams[i], p_revisions[i], p_hashes[i]);
    INSERT INTO audit_log.nodes VALUES (0, v_size, v_hash);
    v_idx := v_size;
    v_level := 0;
    WHILE v_idx % 2 = 1 LOOP
      SELECT n.hash INTO STRICT v_left FROM audit_log.nodes n WHERE n.level = v_level AND n.idx = v_idx - 1;
      v_hash := sha256('\\x01'::bytea || v_left || v_hash);
      v_idx := v_idx / 2;
      v_level := v_level + 1;
      INSERT INTO audit_log.nodes VALUES (v_level, v_idx, v_hash);
    END LOOP;
    v_size := v_size + 1;
    v_last := p_positions[i];
  END LOOP;
  UPDATE audit_log.tree SET size = v_size, last_position = v_last, updated_at = now();
  RETURN v_size;
END
$fn$;
`;

const LOCK = 7340010;

export async function migrateAuditLog(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
    await client.query(SQL);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
    client.release();
  }
}
