import type { Pool } from 'pg';

/**
 * The highest global position committed in this database, visible to subscribers or not.
 * `store.headPosition()` is what subscribers may read: it stops below the oldest transaction
 * open anywhere in the cluster, and test files run in parallel on one server, so another
 * file's transaction can hold it back. "Nothing was appended" and "caught up with everything"
 * must compare committed positions.
 */
export async function committedHead(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ head: string | null }>('SELECT max(global_position) AS head FROM event_store.events');
  return Number(rows[0]?.head ?? 0);
}
