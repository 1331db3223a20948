import { generatePrivacyKeys, PrivateEventStore, RESTRICTED } from '@ledger/privacy';
import { ProjectionRunner, readTypes, rebuildProjection } from '@ledger/projections';
import { generateHistory } from '../testing/generate';
import { openWorld, ReadModelWorld, snapshot } from '../testing/harness';
import { publicSecurityProjection } from './public-security.projection';

/**
 * The counter's lookup reads public_security.workers. At city scale it is built in bulk (the
 * rebuild: pages of the event types it reads, filtered in the database and decrypted a page at
 * once through the private store, rows folded per page, indexes after) instead of event by event
 * through the private store's subscription (one key query per event: about 20 workers a second at
 * 100,000 workers). Both must give the same rows, personal fields decrypted.
 */
describe('public_security built in bulk through the private store equals the incremental projection', () => {
  let world: ReadModelWorld;
  let store: PrivateEventStore;
  let last = 0;
  const WORKERS = 60;
  const restricted = 'g7-5';

  beforeAll(async () => {
    world = await openWorld('rm_bulk');
    store = await PrivateEventStore.open(world.store, generatePrivacyKeys());
    ({ lastPosition: last } = await generateHistory(store, { workers: WORKERS, seed: 7 }));
    // A restricted worker reads as [restricted] both ways.
    await store.restrict(restricted, 'spec');
  }, 60_000);
  afterAll(() => world.close());

  it('reads a page of the given types only, decrypted', async () => {
    const page = await readTypes(store, 0, last, ['WorkerRegistered'], 1000);
    expect(page).toHaveLength(WORKERS);
    expect(new Set(page.map((e) => e.type))).toEqual(new Set(['WorkerRegistered']));
    const open = page.filter((e) => e.data.workerId !== restricted);
    expect(open).toHaveLength(WORKERS - 1);
    for (const e of open) expect(e.data.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(page.find((e) => e.data.workerId === restricted)?.data.idNumber).toBe(RESTRICTED);
  });

  it('gives every table the rows of the statement-per-event projection fed through the subscription', async () => {
    const schema = 'ps_incremental';
    await new ProjectionRunner(
      store,
      world.pool,
      { ...publicSecurityProjection, applyBatch: undefined },
      {
        target: { checkpoint: schema, schema },
        batchSize: 7,
        maxBatchDelayMs: 5,
        poison: 'stop',
        stopAt: async () => last,
      },
    ).start();
    const incremental = await snapshot(world.pool, schema);

    await rebuildProjection(store, world.pool, publicSecurityProjection, { batchSize: 50 });
    const bulk = await snapshot(world.pool, 'public_security');

    expect(incremental.workers).toHaveLength(WORKERS);
    expect(incremental.permits!.length).toBeGreaterThan(0);
    expect(incremental.addresses!.length).toBeGreaterThan(0);
    expect(incremental.endorsements!.length).toBeGreaterThan(0);
    const names = (incremental.workers as { worker_id: string; name: string }[]).filter(
      (w) => w.worker_id !== restricted,
    );
    for (const w of names) expect(w.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    expect(
      (incremental.workers as { worker_id: string; name: string }[]).find((w) => w.worker_id === restricted)?.name,
    ).toBe(RESTRICTED);
    expect(bulk).toEqual(incremental);
  }, 120_000);
});
