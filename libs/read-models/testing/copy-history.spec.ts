import { listDeadLetters, rebuildProjections } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '../index';
import { copyHistory } from './copy-history';
import { openWorld, ReadModelWorld } from './harness';

describe('bench:generate writes a history by COPY that reads as an appended one', () => {
  let world: ReadModelWorld;
  let written: { events: number; streams: number; lastPosition: number };
  beforeAll(async () => {
    world = await openWorld('rm_copy');
    written = await copyHistory(world.pool, { workers: 150, seed: 5 });
  });
  afterAll(() => world.close());

  it('writes about 26 events a worker in valid hash chains, with stream heads, in the global order', async () => {
    expect(written.events).toBeGreaterThan(150 * 20);
    const { rows } = await world.pool.query('SELECT count(*)::int AS n, max(global_position) AS head FROM event_store.events');
    expect(rows[0]).toEqual({ n: written.events, head: String(written.lastPosition) });
    expect(await world.store.verifyAll()).toEqual({ ok: true, streamsChecked: written.streams, eventsChecked: written.events });
    const first = await world.store.readAll({ maxCount: 5000 });
    expect(first.map((e) => e.globalPosition)).toEqual([...first.map((e) => e.globalPosition)].sort((a, b) => a - b));
    expect(first.some((e) => e.type === 'ArrivalDateCorrected')).toBe(true);
    await expect(copyHistory(world.pool, { workers: 1, seed: 5 })).rejects.toThrow('not empty');
  });

  it('gives its connection back to the pool committing durably again (its bulk load alone skips the flush)', async () => {
    const clients = await Promise.all(Array.from({ length: world.pool.totalCount }, () => world.pool.connect()));
    try {
      const settings = await Promise.all(clients.map(async (c) => (await c.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit));
      expect(settings).toEqual(clients.map(() => 'on'));
    } finally {
      for (const c of clients) c.release();
    }
  });

  it('rebuilds all seven read models from it in one read, with no poison event', async () => {
    const results = await rebuildProjections(world.store, world.pool, DEPARTMENT_PROJECTIONS, { batchSize: 2000 });
    expect(results.map((r) => r.position)).toEqual(DEPARTMENT_PROJECTIONS.map(() => written.lastPosition));
    expect(await listDeadLetters(world.pool)).toEqual([]);
    const { rows } = await world.pool.query('SELECT count(*)::int AS n FROM public_security.permits');
    expect(rows[0].n).toBe(150);
  }, 60_000);
});
