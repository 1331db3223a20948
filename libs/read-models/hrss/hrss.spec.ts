import { buildHistory, CHENGDU, PANZHIHUA } from '../testing/history';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from '../testing/harness';
import { hrssProjection } from './hrss.projection';
import { countOpenUnemployment, countTransfers, getAccounts, getContributionMonths, getRegistrations, getTransfers, listTransfersInFlight } from './queries';

describe('hrss read model', () => {
  let world: ReadModelWorld;
  beforeAll(async () => {
    world = await openWorld('rm_hrss');
    const last = await buildHistory(world.store);
    await runLive(world, hrssProjection, last);
  });
  afterAll(() => world.close());

  it('moves w-zhang’s 24 成都 pension months to 攀枝花 on the transfer completed 2024-03-25: 47 months, one place', async () => {
    expect(await getAccounts(world.pool, { workerId: 'w-zhang' })).toEqual([
      expect.objectContaining({ scheme: 'employee-medical', months: 23, regions: [PANZHIHUA] }),
      expect.objectContaining({ scheme: 'employee-pension', months: 47, firstMonth: '2020-01', lastMonth: '2023-12', regions: [PANZHIHUA] }),
    ]);
    const months = await getContributionMonths(world.pool, { workerId: 'w-zhang', scheme: 'employee-pension' });
    expect(months[0]).toEqual({ scheme: 'employee-pension', month: '2020-01', region: PANZHIHUA, via: 'transfer', transferId: 't-1', baseFen: 400_000 });
    expect(await getTransfers(world.pool, { workerId: 'w-zhang' })).toEqual([
      expect.objectContaining({ transferId: 't-1', status: 'completed', completedOn: '2024-03-25', monthsCredited: 24, amountFen: 2_400_000 }),
    ]);
  });

  it('keeps w-li’s months in two cities while her transfer waits for its 联系函, overdue from 2024-04-17', async () => {
    expect(await getAccounts(world.pool, { workerId: 'w-li' })).toEqual([
      expect.objectContaining({ scheme: 'employee-pension', months: 53, regions: [CHENGDU, PANZHIHUA] }),
    ]);
    const inFlight = await listTransfersInFlight(world.pool, {});
    expect(inFlight.rows).toEqual([expect.objectContaining({ workerId: 'w-li', transferId: 't-2', status: 'requested', letterDue: '2024-04-16' })]);
    expect(await countTransfers(world.pool, { on: '2024-04-16' })).toEqual({ inFlight: 1, overdue: 0 });
    expect(await countTransfers(world.pool, { on: '2024-04-17' })).toEqual({ inFlight: 1, overdue: 1 });
    expect((await listTransfersInFlight(world.pool, { overdueOn: '2024-04-16' })).rows).toEqual([]);
  });

  it('ends w-wang’s unemployment registration of 2023-09-05 with the job begun 2023-11-01', async () => {
    const r = await getRegistrations(world.pool, { workerId: 'w-wang' });
    expect(r.resident).toEqual(expect.objectContaining({ permitStatus: 'none', continuousResidenceSince: '2023-02-20' }));
    expect(r.unemployment).toEqual([
      expect.objectContaining({ registeredOn: '2023-09-05', endedOn: '2023-11-01', endedBy: 'employment', ruleId: 'unemployment.registration.min-residence' }),
    ]);
    expect(r.employment).toEqual([expect.objectContaining({ employerId: 'e-steel', startedOn: '2023-11-01' })]);
    expect(await countOpenUnemployment(world.pool)).toBe(0);
  });

  it('rebuilds blue/green to exactly the live rows', async () => {
    const { live, rebuilt } = await liveAndRebuilt(world, hrssProjection);
    expect(live.contribution_months!.length).toBeGreaterThan(100);
    expect(rebuilt).toEqual(live);
  });
});
