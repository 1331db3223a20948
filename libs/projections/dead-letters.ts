import type { Pool } from 'pg';
import type { EventStore } from '@ledger/event-store';
import { Projection, quoteIdent } from './projection';

export interface DeadLetter {
  id: number;
  projection: string;
  globalPosition: number;
  eventId: string;
  eventType: string;
  streamName: string;
  error: string;
  failedAt: string;
  retriedAt: string | null;
}

export async function listDeadLetters(pool: Pool, projection?: string): Promise<DeadLetter[]> {
  const { rows } = await pool.query(
    `SELECT id, projection, global_position, event_id, event_type, stream_name, error, failed_at, retried_at
       FROM projector.dead_letters WHERE resolved_at IS NULL AND ($1::text IS NULL OR projection = $1)
      ORDER BY projection, global_position`,
    [projection ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    projection: r.projection,
    globalPosition: Number(r.global_position),
    eventId: r.event_id,
    eventType: r.event_type,
    streamName: r.stream_name,
    error: r.error,
    failedAt: new Date(r.failed_at).toISOString(),
    retriedAt: r.retried_at ? new Date(r.retried_at).toISOString() : null,
  }));
}

/** Applies each parked event again (after a fix); those that now apply are marked resolved. */
export async function retryDeadLetters(
  store: EventStore,
  pool: Pool,
  projections: Projection[],
): Promise<{ resolved: number; stillFailing: number }> {
  let resolved = 0;
  let stillFailing = 0;
  for (const letter of await listDeadLetters(pool)) {
    const projection = projections.find((p) => p.name === letter.projection);
    if (!projection) continue;
    const [event] = await store.readAll({ after: letter.globalPosition - 1, maxCount: 1 });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if (!event || event.eventId !== letter.eventId) throw new Error('event not found at its position');
      await projection.apply(client, quoteIdent(projection.name), event);
      await client.query('UPDATE projector.dead_letters SET resolved_at = now(), retried_at = now() WHERE id = $1', [letter.id]);
      await client.query('COMMIT');
      resolved++;
    } catch (error) {
      await client.query('ROLLBACK');
      await pool.query('UPDATE projector.dead_letters SET retried_at = now(), error = $2 WHERE id = $1', [
        letter.id,
        (error as Error).message,
      ]);
      stillFailing++;
    } finally {
      client.release();
    }
  }
  return { resolved, stillFailing };
}
