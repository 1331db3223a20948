import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import type { PointsFacts } from './context';
import { pointsDecider } from './decide';
import type { PointsEvent } from './events';

const shaoxing = new PolicyView(loadPack('shaoxing'));
const W = 'w1';
const facts = (over: Partial<PointsFacts> = {}): PointsFacts => ({
  permit: { status: 'active', issuedOn: '2019-09-01', continuousResidenceSince: '2019-03-01' },
  contributionMonths: 40,
  education: '大专',
  skill: '中级',
  homeOwned: true,
  violationIds: ['V1'],
  ...over,
});

/** The 42-point assessment of points.spec.ts, as the stream holds it. */
function assessedHistory(): PointsEvent[] {
  const outcome = pointsDecider.decide(
    {
      type: 'AssessPoints',
      data: { workerId: W, round: { roundId: '2025-H1', referenceDate: '2025-06-30' }, purpose: 'public-services' },
    },
    pointsDecider.initialState,
    { today: '2025-07-05', policy: shaoxing, facts: facts() },
  );
  if (!Array.isArray(outcome)) throw new Error(outcome.detail);
  return outcome;
}

const suspend = (suspendedOn: string) => ({ type: 'SuspendPoints' as const, data: { workerId: W, suspendedOn } });
const resume = (resumedOn: string) => ({ type: 'ResumePoints' as const, data: { workerId: W, resumedOn } });
const recount = { type: 'RecountContributions' as const, data: { workerId: W, transferId: 't1' } };

describe('points suspension [shaoxing] (permit.lapse, permit.restore: national-663 第十条)', () => {
  describe('assessed points', () => {
    it('suspends them from 2025-09-01, the day the permit lapsed, citing permit.lapse', () => {
      spec(pointsDecider)
        .given(assessedHistory())
        .when(suspend('2025-09-01'), { today: '2025-09-02', policy: shaoxing })
        .then([
          {
            type: 'PointsSuspended',
            effectiveOn: '2025-09-01',
            data: expect.objectContaining({
              suspendedOn: '2025-09-01',
              decision: expect.objectContaining({
                rules: [expect.objectContaining({ ruleId: 'permit.lapse', source: 'national-663 第十条' })],
                inputs: { suspendedOn: '2025-09-01', total: 42 },
              }),
            }),
          },
        ]);
    });

    it('changes nothing when there is nothing suspended to resume (2025-10-01)', () => {
      spec(pointsDecider)
        .given(assessedHistory())
        .when(resume('2025-10-01'), { today: '2025-10-01', policy: shaoxing })
        .then([]);
    });
  });

  describe('suspended points', () => {
    const suspended = (): PointsEvent[] => [
      ...assessedHistory(),
      { type: 'PointsSuspended', data: { workerId: W, suspendedOn: '2025-09-01', decision: {} as never } },
    ];

    it('suspends them only once (a second lapse notice on 2025-09-05 changes nothing)', () => {
      spec(pointsDecider)
        .given(suspended())
        .when(suspend('2025-09-05'), { today: '2025-09-05', policy: shaoxing })
        .then([]);
    });

    it('resumes them on the late 签注 of 2025-10-08, citing permit.restore and the suspension it ends', () => {
      spec(pointsDecider)
        .given(suspended())
        .when(resume('2025-10-08'), { today: '2025-10-08', policy: shaoxing })
        .then([
          {
            type: 'PointsResumed',
            data: expect.objectContaining({
              resumedOn: '2025-10-08',
              suspendedOn: '2025-09-01',
              decision: expect.objectContaining({ rules: [expect.objectContaining({ ruleId: 'permit.restore' })] }),
            }),
          },
        ]);
    });

    it('keeps the score while suspended: a resumed stream folds back to no suspension', () => {
      const resumed: PointsEvent = {
        type: 'PointsResumed',
        data: { workerId: W, resumedOn: '2025-10-08', suspendedOn: '2025-09-01', decision: {} as never },
      };
      const state = [...suspended(), resumed].reduce(pointsDecider.evolve, pointsDecider.initialState);
      expect(state).toMatchObject({ status: 'assessed', total: 42 });
      expect(state.suspendedOn).toBeUndefined();
    });
  });

  describe('no assessment', () => {
    it('has nothing to suspend (2025-09-01)', () => {
      spec(pointsDecider).given([]).when(suspend('2025-09-01'), { today: '2025-09-01', policy: shaoxing }).then([]);
    });
  });
});

describe('contributions recounted after a transfer [shaoxing] (si.transfer.*, docs/policy-rules.md §3)', () => {
  it('scores 40 + 26 transferred months (5 full years) as 15 points, 6 more than the assessment', () => {
    spec(pointsDecider)
      .given(assessedHistory())
      .when(recount, { today: '2025-08-01', policy: shaoxing, facts: facts({ contributionMonths: 66 }) })
      .then([
        {
          type: 'PointsContributionsRecounted',
          data: expect.objectContaining({
            roundId: '2025-H1',
            transferId: 't1',
            contributionMonths: 66,
            line: { factor: 'contributions', basis: 5, points: 15, capped: false },
            delta: 6,
            grossAfter: 48,
            totalAfter: 48,
            decision: expect.objectContaining({ rules: [expect.objectContaining({ ruleId: 'points.factors' })] }),
          }),
        },
      ]);
  });

  it('changes nothing when the months, counted once, still make 3 full years', () => {
    spec(pointsDecider)
      .given(assessedHistory())
      .when(recount, { today: '2025-08-01', policy: shaoxing, facts: facts({ contributionMonths: 47 }) })
      .then([]);
  });

  it('folds the recount into the breakdown and the total', () => {
    const outcome = pointsDecider.decide(
      recount,
      [...assessedHistory()].reduce(pointsDecider.evolve, pointsDecider.initialState),
      {
        today: '2025-08-01',
        policy: shaoxing,
        facts: facts({ contributionMonths: 66 }),
      },
    );
    if (!Array.isArray(outcome)) throw new Error(outcome.detail);
    const state = [...assessedHistory(), ...outcome].reduce(pointsDecider.evolve, pointsDecider.initialState);
    expect(state.total).toBe(48);
    expect(state.breakdown.find((l) => l.factor === 'contributions')).toEqual({
      factor: 'contributions',
      basis: 5,
      points: 15,
      capped: false,
    });
  });

  it('has nothing to recount before an assessment', () => {
    spec(pointsDecider).given([]).when(recount, { today: '2025-08-01', policy: shaoxing, facts: facts() }).then([]);
  });
});
