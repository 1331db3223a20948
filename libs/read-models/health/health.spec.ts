import { buildHistory } from '../testing/history';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from '../testing/harness';
import { healthProjection } from './health.projection';
import { countByCertificate, coverage, getChildHealth, getVaccinationChecks, listChildrenNeedingCatchUp } from './queries';

describe('health read model', () => {
  let world: ReadModelWorld;
  beforeAll(async () => {
    world = await openWorld('rm_health');
    const last = await buildHistory(world.store);
    await runLive(world, healthProjection, last);
  });
  afterAll(() => world.close());

  it('shows c-1’s complete certificate and the 12 categories of basic public health', async () => {
    expect(await getChildHealth(world.pool, { childId: 'c-1' })).toMatchObject({
      certificate: 'complete',
      verifiedOn: '2024-03-02',
      publicHealthCategories: 12,
      entryCheck: 'not-required',
    });
  });

  it('puts c-2, whose certificate has gaps, on the 补种 work list', async () => {
    expect((await listChildrenNeedingCatchUp(world.pool)).rows.map((c) => [c.childId, c.missingVaccines])).toEqual([['c-2', ['MMR-2']]]);
    expect(await getVaccinationChecks(world.pool, { childId: 'c-2' })).toEqual([
      { streamRevision: 1, verifiedOn: '2025-04-02', certificate: 'gaps', missingVaccines: ['MMR-2'] },
    ]);
    expect(await countByCertificate(world.pool)).toEqual([
      { key: 'complete', count: 1 },
      { key: 'gaps', count: 1 },
    ]);
    expect(await coverage(world.pool)).toEqual({ children: 2, checked: 2, recordsOpened: 0, publicHealthCovered: 1, catchUpReferred: 0 });
  });

  it('rebuilds blue/green to exactly the live rows', async () => {
    const { live, rebuilt } = await liveAndRebuilt(world, healthProjection);
    expect(live.vaccination_checks).toHaveLength(2);
    expect(rebuilt).toEqual(live);
  });
});
