import { ensureProjectorSchema, Projection, ProjectionRunner, quoteIdent } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from './index';
import { generateHistory } from './testing/generate';
import { buildHistory } from './testing/history';
import { openWorld, ReadModelWorld, snapshot } from './testing/harness';

/**
 * Issue 13: every read model applies a batch as a whole (`applyBatch`: rows loaded once, events
 * folded in memory, one upsert per table). Here each one is fed the same log three ways — the
 * statement-per-event `apply` it had before, and `applyBatch` with batches of 7 and of 500 — and
 * every table must hold exactly the same rows.
 */
describe('set-based projections give the rows of the statement-per-event ones', () => {
  let world: ReadModelWorld;
  let head = 0;
  beforeAll(async () => {
    world = await openWorld('rm_set');
    await buildHistory(world.store);
    await generateHistory(world.store, { workers: 40, seed: 13 });
    const { rows } = await world.pool.query('SELECT max(global_position) AS head FROM event_store.events');
    head = Number(rows[0].head);
    await ensureProjectorSchema(world.pool);
  });
  afterAll(() => world.close());

  const feed = async (projection: Projection, schema: string, batchSize: number) => {
    await world.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await new ProjectionRunner(world.store, world.pool, projection, {
      target: { checkpoint: schema, schema },
      batchSize,
      maxBatchDelayMs: 5,
      poison: 'stop',
      stopAt: async () => head,
    }).start();
    return snapshot(world.pool, schema);
  };

  it.each(DEPARTMENT_PROJECTIONS.map((p) => [p.name, p] as const))('%s', async (name, projection) => {
    expect(projection.applyBatch).toBeDefined();
    const perEvent = await feed({ ...projection, applyBatch: undefined }, `${name}__per_event`, 500);
    const sevens = await feed(projection, `${name}__sevens`, 7);
    const batched = await feed(projection, `${name}__batched`, 500);
    expect(Object.values(perEvent).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(40);
    expect(sevens).toEqual(perEvent);
    expect(batched).toEqual(perEvent);
  }, 60_000);
});
