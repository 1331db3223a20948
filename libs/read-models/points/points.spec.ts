import { buildHistory } from '../testing/history';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from '../testing/harness';
import { pointsProjection } from './points.projection';
import { countPointsBands, countPointsByStatus, getPoints, rankRound } from './queries';

describe('points read model', () => {
  let world: ReadModelWorld;
  beforeAll(async () => {
    world = await openWorld('rm_points');
    const last = await buildHistory(world.store);
    await runLive(world, pointsProjection, last);
  });
  afterAll(() => world.close());

  it('keeps w-zhang’s 2025-H1 assessment (shaoxing factors) with its breakdown', async () => {
    const points = await getPoints(world.pool, { workerId: 'w-zhang' });
    expect(points).toMatchObject({ status: 'assessed', roundId: '2025-H1', total: 26, permitIssuedOn: '2022-07-20', factorsPackId: 'shaoxing' });
    expect(points!.breakdown.find((l) => l.factor === 'permit')).toEqual({ factor: 'permit', basis: 3, points: 6, capped: false });
  });

  it('ranks the 2025-H1 round at query time, highest total first, one per page', async () => {
    const first = await rankRound(world.pool, { roundId: '2025-H1', limit: 1 });
    expect(first.rows).toEqual([expect.objectContaining({ rank: 1, workerId: 'w-li', total: 37 })]);
    const second = await rankRound(world.pool, { roundId: '2025-H1', limit: 1, after: first.next });
    expect(second).toEqual({ rows: [expect.objectContaining({ rank: 2, workerId: 'w-zhang', total: 26 })], next: null });
  });

  it('breaks a tie by the earlier permit and leaves a vetoed worker out', async () => {
    // Rows written straight into a copy of the table: the tie-break is the query's, not the history's.
    await world.pool.query(`CREATE TEMP TABLE t AS SELECT * FROM points.assessments`);
    await world.pool.query(`INSERT INTO points.assessments SELECT 'tie', worker_id, reference_date, purpose, assessed_on, breakdown, 30, 30,
      factors_pack_id, factors_pack_version, factors_effective_from, permit_issued_on, NULL, NULL, last_position FROM points.assessments`);
    const tie = await rankRound(world.pool, { roundId: 'tie' });
    expect(tie.rows.map((r) => [r.rank, r.workerId])).toEqual([[1, 'w-li'], [2, 'w-zhang']]); // permits of 2022-07-12 and 2022-07-20
    await world.pool.query(`UPDATE points.assessments SET vetoed_on = '2025-08-01' WHERE round_id = 'tie' AND worker_id = 'w-li'`);
    expect((await rankRound(world.pool, { roundId: 'tie' })).rows.map((r) => [r.rank, r.workerId])).toEqual([[1, 'w-zhang']]);
    await world.pool.query(`DELETE FROM points.assessments WHERE round_id = 'tie'`);
  });

  it('counts points bands and statuses', async () => {
    expect(await countPointsBands(world.pool, { width: 10 })).toEqual([
      { key: '20', count: 1 },
      { key: '30', count: 1 },
    ]);
    expect(await countPointsByStatus(world.pool)).toEqual([{ key: 'assessed', count: 2 }]);
  });

  it('rebuilds blue/green to exactly the live rows', async () => {
    const { live, rebuilt } = await liveAndRebuilt(world, pointsProjection);
    expect(live.assessments).toHaveLength(2);
    expect(rebuilt).toEqual(live);
  });
});
