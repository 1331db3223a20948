import type { Pool } from 'pg';
import { PostgresEventStore } from '@ledger/event-store';
import { ensureProjectorSchema, Projection, ProjectionRunner, quoteIdent, rebuildProjection } from '@ledger/projections';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A database of its own with a store, as every read-model spec needs. */
export interface ReadModelWorld {
  db: TestDatabase;
  store: PostgresEventStore;
  pool: Pool;
  close(): Promise<void>;
}

export async function openWorld(prefix = 'rm'): Promise<ReadModelWorld> {
  const db = await createTestDatabase(prefix);
  const store = await PostgresEventStore.connect(db.url, { poolSize: 10 });
  await ensureProjectorSchema(store.pool);
  return {
    db,
    store,
    pool: store.pool,
    async close() {
      await store.close();
      await db.drop();
    },
  };
}

/**
 * Runs the projection live until its checkpoint reaches `until` (the last position appended),
 * then stops it. Not the store's head: the head only moves past transactions older than every
 * one in flight, cluster-wide, so other spec files' databases can hold it back for a while.
 */
export async function runLive(
  world: ReadModelWorld,
  projection: Projection,
  until: number,
  { timeoutMs = 30_000, batchSize = 7 }: { timeoutMs?: number; batchSize?: number } = {},
): Promise<void> {
  // Small batches by default, so a history spans many transactions as it would live.
  const runner = new ProjectionRunner(world.store, world.pool, projection, { batchSize, poison: 'stop' });
  const done = runner.start();
  const started = Date.now();
  for (;;) {
    const { rows } = await world.pool.query('SELECT position FROM projector.checkpoints WHERE name = $1', [projection.name]);
    if (rows.length > 0 && Number(rows[0].position) >= until) break;
    if (runner.state === 'failed') await done; // rethrows the poison event
    if (Date.now() - started > timeoutMs) throw new Error(`${projection.name} did not catch up`);
    await sleep(25);
  }
  await runner.stop();
}

/** Every table of a schema, every row, in a stable order: what "the same rows" compares. */
export async function snapshot(pool: Pool, schema: string): Promise<Record<string, unknown[]>> {
  const { rows: tables } = await pool.query<{ table_name: string; columns: number }>(
    `SELECT c.table_name, count(*)::int AS columns FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' GROUP BY 1 ORDER BY 1`,
    [schema],
  );
  const out: Record<string, unknown[]> = {};
  for (const { table_name, columns } of tables) {
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    out[table_name] = (await pool.query(`SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table_name)} ORDER BY ${order}`)).rows;
  }
  return out;
}

/** Principle 1: snapshot the live rows, rebuild blue/green, return both for comparison. */
export async function liveAndRebuilt(
  world: ReadModelWorld,
  projection: Projection,
): Promise<{ live: Record<string, unknown[]>; rebuilt: Record<string, unknown[]> }> {
  const live = await snapshot(world.pool, projection.name);
  await rebuildProjection(world.store, world.pool, projection, { batchSize: 13 });
  const rebuilt = await snapshot(world.pool, projection.name);
  return { live, rebuilt };
}
