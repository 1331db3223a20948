import type { Pool } from 'pg';
import type { EventStore } from '@ledger/event-store';

export interface ProjectionLag {
  name: string;
  position: number;
  eventsApplied: number;
  /** Events in the store after the checkpoint (capped). */
  eventsBehind: number;
  /** How long the oldest unapplied event has waited; 0 when caught up. */
  secondsBehind: number;
}

const CAP = 100_000;

/** Lag of every projection against the head of the store, for /health and /metrics. */
export async function projectionLag(store: EventStore, pool: Pool): Promise<ProjectionLag[]> {
  const { rows } = await pool
    .query<{ name: string; position: string; events_applied: string }>(
      "SELECT name, position, events_applied FROM projector.checkpoints WHERE name NOT LIKE '%\\_\\_next' ORDER BY name",
    )
    .catch(() => ({ rows: [] as { name: string; position: string; events_applied: string }[] }));
  const out: ProjectionLag[] = [];
  for (const row of rows) {
    const position = Number(row.position);
    const behind = await store.readAll({ after: position, maxCount: 1 });
    const eventsBehind = behind.length === 0 ? 0 : await store.countAfter(position, CAP);
    const secondsBehind = behind[0] ? Math.max(0, (Date.now() - Date.parse(behind[0].recordedAt)) / 1000) : 0;
    out.push({ name: row.name, position, eventsApplied: Number(row.events_applied), eventsBehind, secondsBehind });
  }
  return out;
}
