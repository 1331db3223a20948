import type { Pool } from 'pg';
import type { RecordedEvent } from '@ledger/event-store';
import type { IsoDate } from '@ledger/kernel';
import type { Projection, ProjectionDb } from '@ledger/projections';
import type { FollowUpOutcome } from './outcomes';

/**
 * A durable cross-stream reaction (docs/architecture.md principle 6): a projection whose rows are the
 * follow-up commands it executed, driven by the runner's checkpointed subscription.
 */
export interface ProcessManager extends Projection {
  /** The name in idempotency keys and outcomes (`permit-lapse`); `name` is its schema (`pm_permit_lapse`). */
  readonly processManager: string;
  /** Time-based work: executes what is due on `today`. The projector calls it daily. */
  tick?(pool: Pool, today: IsoDate, schema?: string): Promise<FollowUpOutcome[]>;
}

/** `<category>-<id>` → id, for events whose payload does not name the worker (HomePurchased). */
export function subjectOf(event: RecordedEvent, category: string): string {
  const prefix = `${category}-`;
  if (!event.streamName.startsWith(prefix))
    throw new Error(`${event.type} on ${event.streamName}, not a ${category} stream`);
  return event.streamName.slice(prefix.length);
}

/** A table of parent worker id → child ids, fed by ChildRegistered (the store has no such index). */
export const CHILDREN_DDL = (schema: string) => `
  CREATE TABLE ${schema}.children (
    child_id text PRIMARY KEY,
    birth_date date NOT NULL,
    registered_on date NOT NULL,
    parent_ids text[] NOT NULL
  );
  CREATE TABLE ${schema}.parent_children (
    parent_id text NOT NULL,
    child_id text NOT NULL,
    PRIMARY KEY (parent_id, child_id)
  );
`;

export async function recordChild(db: ProjectionDb, schema: string, event: RecordedEvent): Promise<string> {
  const d = event.data as { childId: string; birthDate: string; registeredOn: string; parentWorkerIds: string[] };
  await db.query(
    `INSERT INTO ${schema}.children (child_id, birth_date, registered_on, parent_ids) VALUES ($1, $2, $3, $4)
     ON CONFLICT (child_id) DO NOTHING`,
    [d.childId, d.birthDate, d.registeredOn, d.parentWorkerIds],
  );
  for (const parent of d.parentWorkerIds) {
    await db.query(`INSERT INTO ${schema}.parent_children VALUES ($1, $2) ON CONFLICT DO NOTHING`, [parent, d.childId]);
  }
  return d.childId;
}

export async function childrenOf(db: ProjectionDb, schema: string, parentId: string): Promise<string[]> {
  const { rows } = await db.query<{ child_id: string }>(
    `SELECT child_id FROM ${schema}.parent_children WHERE parent_id = $1 ORDER BY child_id`,
    [parentId],
  );
  return rows.map((r) => r.child_id);
}

export function causeOf(event: RecordedEvent): { eventId: string; correlationId?: string } {
  const correlationId = event.metadata.correlationId;
  return { eventId: event.eventId, ...(correlationId ? { correlationId } : {}) };
}
