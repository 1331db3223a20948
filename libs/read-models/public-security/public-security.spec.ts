import { buildHistory, EAST, RENHE } from '../testing/history';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from '../testing/harness';
import { publicSecurityProjection } from './public-security.projection';
import {
  countPermitsByDistrict,
  countPermitsByStatus,
  findWorkersByIdNumber,
  getPermit,
  getWorker,
  listEndorsements,
  listEndorsementsDue,
  listPermits,
} from './queries';

describe('public_security read model', () => {
  let world: ReadModelWorld;
  beforeAll(async () => {
    world = await openWorld('rm_ps');
    const last = await buildHistory(world.store);
    await runLive(world, publicSecurityProjection, last);
  });
  afterAll(() => world.close());

  it('shows w-zhang active after the on-time 签注 of 2023-07-01 and 2024-07-01, living in 仁和区 since the backdated move of 2023-09-01', async () => {
    const permit = await getPermit(world.pool, { workerId: 'w-zhang' });
    expect(permit).toMatchObject({
      status: 'active',
      permitNumber: '510402000000000002',
      issuingOfficeCode: EAST,
      issuedOn: '2022-07-20',
      continuousResidenceSince: '2022-01-05',
      endorsementYear: 3,
      nextDueOn: '2025-07-20',
      addressDistrict: RENHE,
      addressSince: '2023-09-01',
    });
    expect(permit?.validUntil).toBe('2025-07-19'); // the day before the 签注 is overdue
    expect(await listEndorsements(world.pool, { workerId: 'w-zhang' })).toEqual([
      expect.objectContaining({ endorsedOn: '2023-07-01', late: false, endorsedYear: 1 }),
      expect.objectContaining({ endorsedOn: '2024-07-01', late: false, endorsedYear: 2 }),
    ]);
  });

  it('shows w-li restored by the late 签注 of 2023-08-01, continuous residence counted again from it', async () => {
    expect(await getPermit(world.pool, { workerId: 'w-li' })).toMatchObject({
      status: 'active',
      suspendedOn: null,
      continuousResidenceSince: '2023-08-01',
      endorsementAnchor: '2023-08-01',
    });
    expect(await listEndorsements(world.pool, { workerId: 'w-li' })).toEqual([
      expect.objectContaining({ endorsedOn: '2023-08-01', late: true }),
      expect.objectContaining({ endorsedOn: '2024-07-20', late: false, endorsedYear: 1 }),
    ]);
  });

  it('keeps the worker’s registration as stored, with the changed phone, found by 身份证号', async () => {
    expect(await getWorker(world.pool, { workerId: 'w-zhang' })).toMatchObject({
      name: '张伟',
      idNumber: '510402199001011234',
      phone: '13900000001',
      registeredOn: '2022-01-10',
    });
    expect((await findWorkersByIdNumber(world.pool, { idNumber: '510402199505053331' })).map((w) => w.workerId)).toEqual([
      'w-wang',
    ]);
  });

  it('pages permits by worker id and filters by status', async () => {
    const first = await listPermits(world.pool, { limit: 2 });
    expect(first.rows.map((p) => p.workerId)).toEqual(['w-li', 'w-wang']);
    const second = await listPermits(world.pool, { limit: 2, after: first.next });
    expect(second).toMatchObject({ rows: [expect.objectContaining({ workerId: 'w-zhang' })], next: null });
    expect((await listPermits(world.pool, { status: 'applied' })).rows.map((p) => p.workerId)).toEqual(['w-wang']);
  });

  it('counts permits by status, and by 2025-08-01 both active permits are overdue unless endorsed', async () => {
    expect(await countPermitsByStatus(world.pool)).toEqual([
      { key: 'active', count: 2 },
      { key: 'applied', count: 1 },
    ]);
    expect(await countPermitsByStatus(world.pool, { on: '2025-08-01' })).toEqual([
      { key: 'applied', count: 1 },
      { key: 'overdue', count: 2 },
    ]);
    expect(await countPermitsByDistrict(world.pool)).toEqual([
      { key: EAST, count: 1 },
      { key: RENHE, count: 2 },
    ]);
    const due = await listEndorsementsDue(world.pool, { on: '2025-07-01' });
    expect(due.rows.map((p) => [p.workerId, p.nextDueOn])).toEqual([['w-zhang', '2025-07-20'], ['w-li', '2025-08-01']]);
  });

  it('rebuilds blue/green to exactly the live rows', async () => {
    const { live, rebuilt } = await liveAndRebuilt(world, publicSecurityProjection);
    expect(live.permits).toHaveLength(3);
    expect(rebuilt).toEqual(live);
  });
});
