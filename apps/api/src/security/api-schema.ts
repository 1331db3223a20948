import type { Pool } from 'pg';

/**
 * The API's own tables: credentials, idempotency keys and the access log auditors read, all in
 * `api`. Not in `audit`: that schema belongs to the audit read model, which a blue/green rebuild
 * swaps out whole (and the projector would skip creating its tables if the schema pre-existed).
 * Idempotent; an advisory lock keeps two processes starting at once from racing
 * on CREATE SCHEMA IF NOT EXISTS, which is not safe concurrently.
 */
export async function ensureApiSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ledger:api-schema'))");
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS api;

      CREATE TABLE IF NOT EXISTS api.credentials (
        id          uuid PRIMARY KEY,
        token_hash  bytea NOT NULL UNIQUE,
        department  text NOT NULL,
        principal   text NOT NULL,
        scopes      text[] NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      );

      CREATE TABLE IF NOT EXISTS api.idempotency_keys (
        credential_id uuid NOT NULL,
        key           text NOT NULL,
        fingerprint   text NOT NULL,
        state         text NOT NULL CHECK (state IN ('pending', 'completed')),
        claim_token   uuid NOT NULL,
        claimed_at    timestamptz NOT NULL DEFAULT now(),
        completed_at  timestamptz,
        status        integer,
        headers       jsonb,
        body          json,  -- json, not jsonb: a replay repeats the first answer byte for byte, keys in order
        PRIMARY KEY (credential_id, key)
      );
      -- The live process that holds a pending claim (conventions/claim-owner.ts, issue 16).
      ALTER TABLE api.idempotency_keys ADD COLUMN IF NOT EXISTS owner integer;
      CREATE SEQUENCE IF NOT EXISTS api.claim_owners AS integer CYCLE;
      -- Retention (security/retention.ts) finds old answers by when they were completed or claimed.
      CREATE INDEX IF NOT EXISTS idempotency_keys_age ON api.idempotency_keys ((coalesce(completed_at, claimed_at)));

      CREATE TABLE IF NOT EXISTS api.access_log (
        id            bigserial PRIMARY KEY,
        at            timestamptz NOT NULL,
        credential_id uuid,
        department    text,
        principal     text,
        method        text NOT NULL,
        route         text NOT NULL,
        resource      text NOT NULL,
        scope         text,
        decision      text NOT NULL,
        allowed       boolean NOT NULL,
        status        integer NOT NULL
      );
      CREATE INDEX IF NOT EXISTS access_log_credential ON api.access_log (credential_id, id);
      CREATE INDEX IF NOT EXISTS access_log_at ON api.access_log (at);
    `);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
