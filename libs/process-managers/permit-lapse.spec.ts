import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { permitLapseProcessManager } from './permit-lapse';
import { decision, given, lastPosition, outcomes, runToIdle, snapshot } from './spec-support';

const panzhihua = new PolicyView(loadPack('panzhihua'));
const STREAMS = ['points-w1', 'housing-w1'];

const schedule = (anchor: string, dueOn: string) => ({
  anchor,
  year: 1,
  windowOpensOn: anchor,
  dueOn,
  overdueFrom: dueOn,
});

/** A worker with points and a place on panzhihua's public-rental waitlist (stable employment, 3 years' residence). */
async function worker(store: PostgresEventStore) {
  await given(store, 'residence-permit-w1', [
    {
      type: 'ResidenceRegistered',
      data: { workerId: 'w1', address: { line: '东区' }, arrivalOn: '2020-03-01', registeredOn: '2020-03-01' },
    },
    {
      type: 'PermitIssued',
      data: {
        workerId: 'w1',
        permitNumber: '510402-0001',
        issuingOfficeCode: '510402',
        issuedOn: '2020-09-01',
        continuousResidenceSince: '2020-03-01',
        nextEndorsement: schedule('2020-09-01', '2021-09-01'),
        decision: decision('permit.apply.conditions'),
      },
    },
  ]);
  await given(store, 'points-w1', [
    {
      type: 'PointsAssessed',
      data: {
        workerId: 'w1',
        round: { roundId: '2023-H1', referenceDate: '2023-06-30' },
        purpose: 'public-services',
        assessedOn: '2023-07-05',
        breakdown: [{ factor: 'contributions', basis: 1, points: 3, capped: false }],
        gross: 3,
        total: 3,
        factorsVersion: { packId: 'test', packVersion: '0', effectiveFrom: '2016-01-01' },
        permitIssuedOn: '2020-09-01',
        violationIds: [],
        decision: decision('points.factors'),
      },
    },
  ]);
  await given(store, 'housing-w1', [
    {
      type: 'RentalApplicationSubmitted',
      data: { workerId: 'w1', applicationId: 'a1', submittedOn: '2023-03-01', householdSize: 3 },
    },
    {
      type: 'RentalEligibilityDecided',
      data: {
        applicationId: 'a1',
        eligible: true,
        assessedOn: '2023-03-01',
        decision: decision('housing.rental.stable-employment', {
          assessedOn: '2023-03-01',
          employed: true,
          contributionsSince: '2022-01-15',
          permitStatus: 'valid',
          residenceSince: '2020-03-01',
        }),
      },
    },
    { type: 'Waitlisted', data: { applicationId: 'a1', waitlistedOn: '2023-03-01' } },
  ]);
}

const lapse = (store: PostgresEventStore) =>
  given(store, 'residence-permit-w1', [
    {
      type: 'PermitSuspended',
      data: {
        workerId: 'w1',
        suspendedOn: '2023-09-01',
        missedDueOn: '2023-09-01',
        decision: decision('permit.lapse'),
      },
    },
  ]);

const restore = (store: PostgresEventStore) =>
  given(store, 'residence-permit-w1', [
    {
      type: 'PermitRestored',
      data: {
        workerId: 'w1',
        endorsedOn: '2023-10-01',
        suspendedOn: '2023-09-01',
        continuousResidenceSince: '2023-10-01',
        nextEndorsement: schedule('2023-10-01', '2024-10-01'),
        decision: decision('permit.restore'),
      },
    },
  ]);

describe('permit-lapse process manager [panzhihua] (permit.lapse, permit.restore: national-663 第十条)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let today = '2023-09-03';
  const pm = () => permitLapseProcessManager({ store, policy: panzhihua, today: () => today });

  beforeEach(async () => {
    db = await createTestDatabase('pm_lapse');
    store = await PostgresEventStore.connect(db.url, { poolSize: 20 });
    today = '2023-09-03';
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('suspends the points and the waitlist entry from 2023-09-01, resumes the points on the late 签注 of 2023-10-01, and a replay appends nothing', async () => {
    await worker(store);
    const [suspended] = await lapse(store);
    await runToIdle(store, store.pool, pm());

    const points = await store.readStream('points-w1');
    expect(points.map((e) => e.type)).toEqual(['PointsAssessed', 'PointsSuspended']);
    expect(points[1]).toMatchObject({
      data: { suspendedOn: '2023-09-01' },
      metadata: { causationId: suspended!.eventId, effectiveOn: '2023-09-01' },
    });
    const housing = await store.readStream('housing-w1');
    expect(housing[3]).toMatchObject({
      type: 'WaitlistEntrySuspended',
      data: { applicationId: 'a1', suspendedOn: '2023-09-01', ground: 'PERMIT_SUSPENDED' },
      metadata: { causationId: suspended!.eventId },
    });

    today = '2023-10-02';
    await restore(store);
    await runToIdle(store, store.pool, pm());
    expect((await store.readStream('points-w1')).map((e) => e.type)).toEqual([
      'PointsAssessed',
      'PointsSuspended',
      'PointsResumed',
    ]);
    // Residence counts again from the late 签注 (permit.restore): the entry stays suspended until 3 years pass.
    expect((await store.readStream('housing-w1')).map((e) => e.type).slice(3)).toEqual(['WaitlistEntrySuspended']);
    expect((await outcomes(store.pool, 'permit-lapse')).map((o) => `${o.command_type} ${o.outcome}`).sort()).toEqual([
      'ResumePoints appended',
      'ReviewWaitlistEntry appended',
      'ReviewWaitlistEntry no-change',
      'SuspendPoints appended',
    ]);

    const first = await snapshot(store, STREAMS);
    const head = await lastPosition(store.pool);
    today = '2024-05-01';
    // Run twice over the same history: from position 0 under a fresh checkpoint and schema…
    await runToIdle(store, store.pool, pm(), 'pm_permit_lapse_replay');
    expect(await lastPosition(store.pool)).toBe(head);
    expect(await snapshot(store, STREAMS)).toEqual(first);
    // …and again with the outcomes forgotten: the derived event ids alone keep it from appending.
    await store.pool.query('TRUNCATE process_managers.outcomes');
    await runToIdle(store, store.pool, pm(), 'pm_permit_lapse_replay2');
    expect(await lastPosition(store.pool)).toBe(head);
    expect(await snapshot(store, STREAMS)).toEqual(first);
    expect((await outcomes(store.pool, 'permit-lapse')).map((o) => o.outcome).sort()).toEqual([
      'no-change',
      'replayed',
      'replayed',
      'replayed',
    ]);
  });

  it('appends nothing twice when the runner dies between the append and its commit (2023-09-03)', async () => {
    await worker(store);
    const [suspended] = await lapse(store);
    const manager = pm();
    const client = await store.pool.connect();
    try {
      await client.query('CREATE SCHEMA "pm_permit_lapse"');
      await client.query(manager.createTables('"pm_permit_lapse"'));
      // The batch's transaction: the follow-ups are appended (the store commits them), then the
      // process dies before the checkpoint and the outcome rows commit.
      await client.query('BEGIN');
      await manager.apply(client, '"pm_permit_lapse"', suspended!);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await store.readStream('points-w1')).map((e) => e.type)).toEqual(['PointsAssessed', 'PointsSuspended']);
    expect(await outcomes(store.pool, 'permit-lapse')).toEqual([]);

    await runToIdle(store, store.pool, manager);
    expect((await store.readStream('points-w1')).map((e) => e.type)).toEqual(['PointsAssessed', 'PointsSuspended']);
    expect((await store.readStream('housing-w1')).map((e) => e.type).slice(3)).toEqual(['WaitlistEntrySuspended']);
    expect((await outcomes(store.pool, 'permit-lapse')).map((o) => o.outcome)).toEqual(['replayed', 'replayed']);
  });

  it('changes nothing for a worker with neither points nor a waitlist entry', async () => {
    await given(store, 'residence-permit-w1', [
      {
        type: 'ResidenceRegistered',
        data: { workerId: 'w1', address: { line: '东区' }, arrivalOn: '2020-03-01', registeredOn: '2020-03-01' },
      },
    ]);
    await lapse(store);
    await runToIdle(store, store.pool, pm());
    expect(await store.readStream('points-w1')).toEqual([]);
    expect(await outcomes(store.pool, 'permit-lapse')).toEqual([]);
  });
});
