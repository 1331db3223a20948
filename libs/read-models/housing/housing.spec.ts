import { buildHistory } from '../testing/history';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from '../testing/harness';
import { housingProjection } from './housing.projection';
import { countRentalApplicationsByStatus, countTenanciesAndHomes, countWaitlist, getHousing, listWaitlist } from './queries';

describe('housing read model', () => {
  let world: ReadModelWorld;
  beforeAll(async () => {
    world = await openWorld('rm_housing');
    const last = await buildHistory(world.store);
    await runLive(world, housingProjection, last);
  });
  afterAll(() => world.close());

  it('waitlists w-zhang’s public-rental application of 2025-03-01, with his permit and points beside it', async () => {
    const { applications } = await getHousing(world.pool, { workerId: 'w-zhang' });
    expect(applications).toEqual([
      expect.objectContaining({ applicationId: 'a-1', status: 'waitlisted', eligibleOn: '2025-03-01', ruleId: 'housing.rental.stable-employment', provisional: true }),
    ]);
    expect(await listWaitlist(world.pool)).toEqual({
      rows: [{ place: 1, workerId: 'w-zhang', applicationId: 'a-1', waitlistedOn: '2025-03-01', householdSize: 3, permitStatus: 'valid', pointsTotal: 26 }],
      next: null,
    });
    expect(await countWaitlist(world.pool)).toBe(1);
    expect(await countRentalApplicationsByStatus(world.pool)).toEqual([{ key: 'waitlisted', count: 1 }]);
  });

  it('records w-li’s home bought 2024-05-20 with deed-tax and stamp-duty relief', async () => {
    const { homes } = await getHousing(world.pool, { workerId: 'w-li' });
    expect(homes).toEqual([
      expect.objectContaining({ purchaseId: 'p-1', purchasedOn: '2024-05-20', homeKind: 'commercial', taxRelief: ['deed-tax', 'stamp-duty'] }),
    ]);
    expect(await countTenanciesAndHomes(world.pool, { on: '2025-06-01' })).toEqual({ tenancies: 0, homes: [{ key: 'commercial', count: 1 }] });
  });

  it('rebuilds blue/green to exactly the live rows', async () => {
    const { live, rebuilt } = await liveAndRebuilt(world, housingProjection);
    expect(live.applicants).toHaveLength(2);
    expect(rebuilt).toEqual(live);
  });
});
