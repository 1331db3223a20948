import { buildHistory, RENHE } from '../testing/history';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from '../testing/harness';
import { educationProjection } from './education.projection';
import { countApplicationsByStatus, countEnrolmentsByDistrict, getChild, getParent, listApplications, rankApplications } from './queries';

describe('education read model', () => {
  let world: ReadModelWorld;
  beforeAll(async () => {
    world = await openWorld('rm_edu');
    const last = await buildHistory(world.store);
    await runLive(world, educationProjection, last);
  });
  afterAll(() => world.close());

  it('follows c-1 from the grade-3 application of 2024-06-01 to the seat and the enrolment of 2024-09-01', async () => {
    const child = await getChild(world.pool, { childId: 'c-1' });
    expect(child?.applications).toEqual([
      expect.objectContaining({
        applicationId: 'e-1',
        status: 'enrolled',
        schoolYear: 2024,
        grade: 3,
        area: RENHE,
        ruleIds: ['school.admission.guarantee'],
        schoolId: 's-renhe-1',
        enrolledOn: '2024-09-01',
      }),
    ]);
    expect(child?.offers).toEqual([expect.objectContaining({ schoolId: 's-renhe-1', schoolChoiceFen: 0, guestStudyFen: 0, governmentFunded: true })]);
    expect(child?.enrolments).toEqual([expect.objectContaining({ schoolId: 's-renhe-1', vaccinationCheck: 'not-required' })]);
  });

  it('ranks the eligible 2025 applications of 仁和区 and counts enrolments by district', async () => {
    expect((await rankApplications(world.pool, { schoolYear: 2025, area: RENHE })).rows).toEqual([
      expect.objectContaining({ rank: 1, childId: 'c-2', status: 'eligible' }),
    ]);
    expect((await listApplications(world.pool, { limit: 1 })).rows.map((a) => a.childId)).toEqual(['c-1']);
    expect(await countEnrolmentsByDistrict(world.pool)).toEqual([{ key: RENHE, count: 1 }]);
    expect(await countApplicationsByStatus(world.pool, { schoolYear: 2025 })).toEqual([{ key: 'eligible', count: 1 }]);
  });

  it('keeps each parent’s permit, first home and points from their own streams', async () => {
    expect(await getParent(world.pool, { workerId: 'w-li' })).toMatchObject({ permitStatus: 'valid', homePurchasedOn: '2024-05-20', pointsTotal: 37 });
  });

  it('rebuilds blue/green to exactly the live rows', async () => {
    const { live, rebuilt } = await liveAndRebuilt(world, educationProjection);
    expect(live.children).toHaveLength(2);
    expect(rebuilt).toEqual(live);
  });
});
