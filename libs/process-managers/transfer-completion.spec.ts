import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { decision, expectReplayAppendsNothing, given, outcomes, runToIdle } from './spec-support';
import { transferCompletionProcessManager } from './transfer-completion';

const shaoxing = new PolicyView(loadPack('shaoxing'));

const months = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const [y, m] = from.split('-').map(Number) as [number, number];
    const k = y * 12 + m - 1 + i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });

describe('transfer-completion process manager [shaoxing] (si.transfer.*, a month paid twice counts once)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const pm = () => transferCompletionProcessManager({ store, policy: shaoxing, today: () => '2025-08-01' });

  beforeEach(async () => {
    db = await createTestDatabase('pm_transfer');
    store = await PostgresEventStore.connect(db.url, { poolSize: 20 });
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('recounts the points on 40 months paid here and 26 brought from 攀枝花 (2021-01 paid in both, once): 5 full years', async () => {
    await given(store, 'points-w1', [
      {
        type: 'PointsAssessed',
        data: {
          workerId: 'w1',
          round: { roundId: '2025-H1', referenceDate: '2025-06-30' },
          purpose: 'public-services',
          assessedOn: '2025-07-05',
          breakdown: [
            { factor: 'permit', basis: 6, points: 12, capped: false },
            { factor: 'contributions', basis: 3, points: 9, capped: false },
          ],
          gross: 21,
          total: 21,
          factorsVersion: { packId: 'shaoxing', packVersion: '1.0.0', effectiveFrom: '2016-01-01' },
          permitIssuedOn: '2019-09-01',
          violationIds: [],
          decision: decision('points.factors'),
        },
      },
    ]);
    const carried = [...months('2018-11', 26), '2021-01'];
    const [, , , , completed] = await given(store, 'insurance-w1', [
      {
        type: 'ContributionsRecorded',
        data: {
          workerId: 'w1',
          scheme: 'employee-pension',
          region: '330600',
          months: months('2021-01', 40),
          baseFen: 400000,
        },
      },
      {
        type: 'TransferRequested',
        data: {
          workerId: 'w1',
          transferId: 't1',
          fromScheme: 'employee-pension',
          toScheme: 'employee-pension',
          fromRegion: '510400',
          toRegion: '330600',
          requestedOn: '2025-07-01',
          decision: decision('si.transfer.pension'),
        },
      },
      { type: 'TransferLetterIssued', data: { transferId: 't1', letterId: 'L1', issuedOn: '2025-07-02' } },
      {
        type: 'TransferFundsReceived',
        data: { transferId: 't1', months: carried, amountFen: 1000000, receivedOn: '2025-07-20' },
      },
      {
        type: 'TransferCompleted',
        data: {
          workerId: 'w1',
          transferId: 't1',
          scheme: 'employee-pension',
          region: '330600',
          monthsCredited: months('2018-11', 26),
          monthsAlreadyHeld: ['2021-01'],
          completedOn: '2025-07-31',
          decision: decision('si.transfer.pension'),
        },
      },
    ]);
    await runToIdle(store, store.pool, pm());

    const points = await store.readStream('points-w1');
    expect(points.map((e) => e.type)).toEqual(['PointsAssessed', 'PointsContributionsRecounted']);
    expect(points[1]).toMatchObject({
      data: {
        transferId: 't1',
        contributionMonths: 66,
        line: { factor: 'contributions', basis: 5, points: 15, capped: false },
        delta: 6,
        totalAfter: 27,
      },
      metadata: { causationId: completed!.eventId },
    });
    expect((await outcomes(store.pool, 'transfer-completion')).map((o) => o.outcome)).toEqual(['appended']);

    await expectReplayAppendsNothing(store, pm, ['points-w1', 'insurance-w1']);
  });

  it('sends nothing for a transfer whose every month was already held here', async () => {
    await given(store, 'points-w1', [
      {
        type: 'PointsVetoed',
        data: { workerId: 'w1', ground: 'x', ref: 'r', vetoedOn: '2025-01-01', decision: decision() },
      },
    ]);
    await given(store, 'insurance-w1', [
      {
        type: 'TransferCompleted',
        data: {
          workerId: 'w1',
          transferId: 't2',
          scheme: 'employee-pension',
          region: '330600',
          monthsCredited: [],
          monthsAlreadyHeld: ['2021-01'],
          completedOn: '2025-07-31',
          decision: decision(),
        },
      },
    ]);
    await runToIdle(store, store.pool, pm());
    expect(await outcomes(store.pool, 'transfer-completion')).toEqual([]);
  });
});
