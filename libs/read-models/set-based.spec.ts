import { randomUUID } from 'node:crypto';
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
    // 人社局's accounts go on from their stored counts unless months move: payments for one
    // worker spread over the log, so batches of 7 meet them one at a time and batches of 500
    // together — the same month paid in two places, a place correcting its own month, months
    // before and after those already held, a second scheme.
    const paid = (region: string, months: string[], baseFen: number, scheme = 'employee-pension') =>
      world.store.appendToStream(
        'insurance-w-twice',
        [{ eventId: randomUUID(), type: 'ContributionsRecorded', data: { workerId: 'w-twice', scheme, region, months, baseFen }, metadata: { actor: { department: 'hrss', principal: 'spec' } } }],
        { expectedRevision: 'any' },
      );
    await paid('510400', ['2023-01', '2023-02', '2023-03'], 400_000);
    await paid('510100', ['2023-02', '2023-03', '2023-04'], 380_000);
    await buildHistory(world.store);
    await paid('510400', ['2023-03'], 410_000);
    await paid('510400', ['2022-12'], 390_000, 'employee-medical');
    await generateHistory(world.store, { workers: 40, seed: 13 });
    await paid('510100', ['2022-11', '2023-02'], 380_000);
    await paid('510500', ['2023-06'], 420_000);
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
    if (name === 'hrss') {
      const account = (perEvent.accounts as Record<string, unknown>[]).find((a) => a.worker_id === 'w-twice' && a.scheme === 'employee-pension');
      expect(account).toMatchObject({ months: 6, months_paid_twice: 2, first_month: '2022-11', last_month: '2023-06', regions: ['510100', '510400', '510500'] });
    }
    expect(sevens).toEqual(perEvent);
    expect(batched).toEqual(perEvent);
  }, 60_000);
});
