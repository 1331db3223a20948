import type { ProjectionDb } from '@ledger/projections';

/**
 * What a process manager decided for each follow-up, keyed by its idempotency key. It lives
 * outside the PM's own (rebuildable) schema: a replay or a blue/green rebuild of the PM finds the
 * refusals and no-ops it already recorded and does not decide them again with later facts.
 */
export const OUTCOMES_DDL = `
  SELECT pg_advisory_xact_lock(hashtext('process_managers.ddl'));
  CREATE SCHEMA IF NOT EXISTS process_managers;
  CREATE TABLE IF NOT EXISTS process_managers.outcomes (
    idempotency_key text PRIMARY KEY,
    process_manager text NOT NULL,
    causation_id text NOT NULL,
    target_stream text NOT NULL,
    command_type text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('appended', 'replayed', 'no-change', 'refused', 'rejected')),
    event_ids text[] NOT NULL DEFAULT '{}',
    detail jsonb,
    decided_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS outcomes_by_process_manager ON process_managers.outcomes (process_manager, outcome);
`;

/** appended: new events; replayed: the key's events were already there; no-change: the decider returned none. */
export type OutcomeKind = 'appended' | 'replayed' | 'no-change' | 'refused' | 'rejected';

export interface FollowUpOutcome {
  key: string;
  processManager: string;
  causationId: string;
  targetStream: string;
  commandType: string;
  outcome: OutcomeKind;
  eventIds: string[];
  /** The refusal (rule, clause, eligibleFrom) or the rejection's code and message. */
  detail?: Record<string, unknown>;
}

export async function findOutcome(db: ProjectionDb, key: string): Promise<FollowUpOutcome | undefined> {
  const { rows } = await db.query<{
    process_manager: string;
    causation_id: string;
    target_stream: string;
    command_type: string;
    outcome: OutcomeKind;
    event_ids: string[];
    detail: Record<string, unknown> | null;
  }>('SELECT * FROM process_managers.outcomes WHERE idempotency_key = $1', [key]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    key,
    processManager: row.process_manager,
    causationId: row.causation_id,
    targetStream: row.target_stream,
    commandType: row.command_type,
    outcome: row.outcome,
    eventIds: row.event_ids,
    ...(row.detail ? { detail: row.detail } : {}),
  };
}

/** Written in the runner's transaction: it commits with the checkpoint or not at all. */
export async function recordOutcome(db: ProjectionDb, o: FollowUpOutcome): Promise<void> {
  await db.query(
    `INSERT INTO process_managers.outcomes
       (idempotency_key, process_manager, causation_id, target_stream, command_type, outcome, event_ids, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (idempotency_key) DO UPDATE
       SET outcome = excluded.outcome, event_ids = excluded.event_ids, detail = excluded.detail, decided_at = now()`,
    [o.key, o.processManager, o.causationId, o.targetStream, o.commandType, o.outcome, o.eventIds, o.detail ?? null],
  );
}
