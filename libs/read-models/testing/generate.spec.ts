import { listDeadLetters } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '../index';
import { generateHistory } from './generate';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from './harness';

describe('generated history (bench and crash-test data)', () => {
  let world: ReadModelWorld;
  let generated: { events: number; lastPosition: number };
  beforeAll(async () => {
    world = await openWorld('rm_gen');
    generated = await generateHistory(world.store, { workers: 300, seed: 7 });
  });
  afterAll(() => world.close());

  it('appends about 30 events a worker, the same ones for the same seed', async () => {
    expect(generated.events).toBeGreaterThan(300 * 25);
    // Committed rows: countAfter stops below transactions open in other test files' databases.
    const committed = async () => Number((await world.pool.query('SELECT count(*) AS n FROM event_store.events')).rows[0].n);
    expect(await committed()).toBe(generated.events);
    // ids derive from the seed and the worker's number: generating all 300 workers again
    // appends nothing new (each append answers as a stored retry, on the connection it holds)
    await generateHistory(world.store, { workers: 300, seed: 7 });
    expect(await committed()).toBe(generated.events);
  });

  it('feeds every department read model without a poison event, and each rebuilds to the live rows', async () => {
    for (const projection of DEPARTMENT_PROJECTIONS) {
      await runLive(world, projection, generated.lastPosition, { timeoutMs: 60_000, batchSize: 500 });
      const { live, rebuilt } = await liveAndRebuilt(world, projection);
      expect(Object.values(live).some((rows) => rows.length > 0)).toBe(true);
      expect(rebuilt).toEqual(live);
    }
    expect(await listDeadLetters(world.pool)).toEqual([]);
    const tenancies = await world.pool.query(`SELECT count(*)::int AS n FROM housing.tenancies`);
    expect(tenancies.rows[0].n).toBeGreaterThan(0);
  }, 240_000); // seven projections fed and rebuilt: about 30 s alone, longer beside other files
});
