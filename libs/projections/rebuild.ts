import type { Pool } from 'pg';
import type { EventStore } from '@ledger/event-store';
import { Projection, quoteIdent } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ensureProjectorSchema } from './schema';

export interface RebuildProgress {
  position: number;
  head: number;
  phase: 'building' | 'catching-up' | 'swapped';
}

/**
 * Blue/green rebuild (docs/architecture.md principle 1): build the read model from the first event into
 * `<name>__next` while the live schema keeps serving, catch up, then swap both schemas and the
 * checkpoint in one transaction. A live runner's next batch fails its checkpoint check and
 * resumes from the swapped-in position, so no event is applied twice or skipped.
 */
export async function rebuildProjection(
  store: EventStore,
  pool: Pool,
  projection: Projection,
  options: { onProgress?: (p: RebuildProgress) => void; batchSize?: number; log?: (line: string) => void } = {},
): Promise<{ position: number; eventsApplied: number }> {
  await ensureProjectorSchema(pool);
  const live = projection.name;
  const next = `${live}__next`;
  await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(next)} CASCADE`);
  await pool.query('DELETE FROM projector.checkpoints WHERE name = $1', [next]);

  for (let round = 0; ; round++) {
    let head = await store.headPosition();
    const runner = new ProjectionRunner(store, pool, projection, {
      target: { checkpoint: next, schema: next },
      batchSize: options.batchSize ?? 1000,
      poison: 'park',
      maxBatchDelayMs: 5,
      log: options.log,
      stopAt: async () => {
        options.onProgress?.({ position: runner.position, head, phase: round === 0 ? 'building' : 'catching-up' });
        return head;
      },
    });
    await runner.start();
    head = await store.headPosition();

    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const liveRow = await client.query<{ position: string }>(
        'SELECT position FROM projector.checkpoints WHERE name = $1 FOR UPDATE',
        [live],
      );
      const nextRow = await client.query<{ position: string; events_applied: string; last_recorded_at: string | null }>(
        'SELECT position, events_applied, last_recorded_at FROM projector.checkpoints WHERE name = $1 FOR UPDATE',
        [next],
      );
      const livePosition = Number(liveRow.rows[0]?.position ?? 0);
      const built = nextRow.rows[0]!;
      if (Number(built.position) < livePosition) {
        // The live runner moved on while we built: catch up further before swapping.
        await client.query('ROLLBACK');
        continue;
      }
      const retired = `${live}__retired`;
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
      const liveExists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [live]);
      if (liveExists.rowCount) await client.query(`ALTER SCHEMA ${quoteIdent(live)} RENAME TO ${quoteIdent(retired)}`);
      await client.query(`ALTER SCHEMA ${quoteIdent(next)} RENAME TO ${quoteIdent(live)}`);
      await client.query(
        `INSERT INTO projector.checkpoints (name, target_schema, version, position, events_applied, last_recorded_at)
         VALUES ($1, $1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
           events_applied = excluded.events_applied, last_recorded_at = excluded.last_recorded_at, updated_at = now()`,
        [live, projection.version, built.position, built.events_applied, built.last_recorded_at],
      );
      await client.query('DELETE FROM projector.checkpoints WHERE name = $1', [next]);
      await client.query('COMMIT');
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
      options.onProgress?.({ position: Number(built.position), head, phase: 'swapped' });
      return { position: Number(built.position), eventsApplied: Number(built.events_applied) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** A blue/green rebuild under way, as its `<name>__next` checkpoint shows it (any process runs it). */
export interface RebuildState {
  /** The projection being rebuilt. */
  name: string;
  /** Events the rebuild has applied into `<name>__next` so far. */
  eventsProcessed: number;
  /** Events it has to apply: those the live read model has applied (the same history), at least those processed. */
  eventsTarget: number;
}

/** Every rebuild in progress, for /metrics (issue 14 item 4); none when no `__next` checkpoint exists. */
export async function rebuildsInProgress(pool: Pool): Promise<RebuildState[]> {
  const { rows } = await pool.query<{ name: string; processed: string; live: string | null }>(
    `SELECT left(n.name, -length('__next')) AS name, n.events_applied AS processed, l.events_applied AS live
       FROM projector.checkpoints n
       LEFT JOIN projector.checkpoints l ON l.name = left(n.name, -length('__next'))
      WHERE n.name LIKE '%\\_\\_next' ORDER BY n.name`,
  );
  return rows.map((row) => {
    const eventsProcessed = Number(row.processed);
    return { name: row.name, eventsProcessed, eventsTarget: Math.max(eventsProcessed, Number(row.live ?? 0)) };
  });
}
