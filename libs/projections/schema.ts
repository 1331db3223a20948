import type { Pool, PoolClient } from 'pg';

/** The projector's own bookkeeping: checkpoints and dead letters, one schema. */
export const PROJECTOR_DDL = /* sql */ `
CREATE SCHEMA IF NOT EXISTS projector;
CREATE TABLE IF NOT EXISTS projector.checkpoints (
  name            text PRIMARY KEY,        -- the projection, or <name>__next during a rebuild
  target_schema   text NOT NULL,
  version         int NOT NULL,
  position        bigint NOT NULL DEFAULT 0,
  events_applied  bigint NOT NULL DEFAULT 0,
  last_recorded_at timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS projector.dead_letters (
  id              bigserial PRIMARY KEY,
  projection      text NOT NULL,
  global_position bigint NOT NULL,
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  stream_name     text NOT NULL,
  error           text NOT NULL,
  failed_at       timestamptz NOT NULL DEFAULT now(),
  retried_at      timestamptz,
  resolved_at     timestamptz,
  UNIQUE (projection, event_id)
);
`;

const SETUP_LOCK = 7340002;

export async function ensureProjectorSchema(db: Pool | PoolClient): Promise<void> {
  const client = 'release' in db ? db : await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
    await client.query(PROJECTOR_DDL);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => undefined);
    if (!('release' in db)) client.release();
  }
}

/** Projection names map to advisory-lock keys in their own namespace. */
export function lockKey(name: string): [number, number] {
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return [7341, h];
}
