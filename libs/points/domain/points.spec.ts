import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spec } from '@ledger/kernel/specification';
import { BUILT_IN_PACKS_DIR, loadPack, PolicyView } from '@ledger/policy';
import type { AssessPoints, PointsCommand } from './commands';
import type { PointsFacts } from './context';
import { pointsDecider } from './decide';
import type { PointsAssessed, PointsEvent } from './events';
import { MixedFactorsVersionError, rankRound, RoundEntry } from './ranking';

const shaoxing = new PolicyView(loadPack('shaoxing'));
const sanming = new PolicyView(loadPack('sanming'));
const panzhihua = new PolicyView(loadPack('panzhihua'));
const W = 'w1';
const ROUND = { roundId: '2025-H1', referenceDate: '2025-06-30' };

const assess = (
  purpose: AssessPoints['data']['purpose'] = 'public-services',
  extra: Partial<AssessPoints['data']> = {},
): PointsCommand => ({
  type: 'AssessPoints',
  data: { workerId: W, round: ROUND, purpose, ...extra },
});

const facts = (over: Partial<PointsFacts> = {}): PointsFacts => ({
  permit: { status: 'active', issuedOn: '2019-09-01', continuousResidenceSince: '2019-03-01' },
  contributionMonths: 40,
  education: '大专',
  skill: '中级',
  homeOwned: true,
  violationIds: ['V1'],
  ...over,
});

const points = (line: string) => (events: PointsEvent[]) =>
  (events[0] as PointsAssessed).data.breakdown.find((l) => l.factor === line);

function assessed(view: PolicyView, f: PointsFacts, today = '2025-07-05'): PointsEvent[] {
  const outcome = pointsDecider.decide(assess(), pointsDecider.initialState, { today, policy: view, facts: f });
  if (!Array.isArray(outcome)) throw new Error(outcome.detail);
  return outcome;
}

/** A city whose factors change on 2025-07-01, in the middle of the 2025-H1 round's assessments. */
function midRoundCity(): PolicyView {
  const dir = mkdtempSync(join(tmpdir(), 'mid-round-'));
  mkdirSync(join(dir, 'mid-round-city'));
  writeFileSync(
    join(dir, 'mid-round-city', 'pack.yaml'),
    "id: mid-round-city\nversion: '2.0.0'\njurisdiction: 示例市\nname: 示例市\nextends: shaoxing\neffectiveFrom: '2016-01-01'\n",
  );
  const factors = (from: string, to: string | null, perYear: number) =>
    [
      `      - effectiveFrom: '${from}'`,
      ...(to ? [`        effectiveTo: '${to}'`] : []),
      '        params:',
      `          permit: { perFullYear: ${perYear}, cap: 20 }`,
      '          contributions: { perFullYear: 3, cap: 30 }',
      '          education: { 大专: 10 }',
      '          skill: { 中级: 6 }',
      '          homeOwned: 10',
      '          perViolation: 5',
      '          floor: 0',
      '          tieBreak: earlier-permit',
    ].join('\n');
  writeFileSync(
    join(dir, 'mid-round-city', 'points.yaml'),
    [
      'rules:',
      '  - id: points.factors',
      '    source: 示例市积分办法 第三条',
      '    sourceType: city',
      '    quote: 示例',
      '    status: illustrative',
      "    paramsSource: none (illustrative, replace with the city's own pack)",
      '    versions:',
      factors('2016-01-01', '2025-06-30', 2),
      factors('2025-07-01', null, 3),
    ].join('\n'),
  );
  return new PolicyView(loadPack('mid-round-city', { dirs: [dir, BUILT_IN_PACKS_DIR] }));
}

describe('points stream', () => {
  describe('points.factors [shaoxing] (illustrative numbers, docs/policy-rules.md §3)', () => {
    it('scores the whole breakdown as of 2025-06-30: 12 + 9 + 10 + 6 + 10 − 5 = 42, flagged illustrative', () => {
      spec(pointsDecider)
        .given([])
        .when(assess(), { today: '2025-07-05', policy: shaoxing, facts: facts() })
        .then([
          {
            type: 'PointsAssessed',
            data: expect.objectContaining({
              assessedOn: '2025-07-05',
              breakdown: [
                { factor: 'permit', basis: 6, points: 12, capped: false },
                { factor: 'contributions', basis: 3, points: 9, capped: false },
                { factor: 'education', basis: '大专', points: 10, capped: false },
                { factor: 'skill', basis: '中级', points: 6, capped: false },
                { factor: 'home', basis: true, points: 10, capped: false },
                { factor: 'violations', basis: 1, points: -5, capped: false },
              ],
              gross: 42,
              total: 42,
              permitIssuedOn: '2019-09-01',
              factorsVersion: { packId: 'shaoxing', packVersion: '1.0.0', effectiveFrom: '2016-01-01' },
              decision: expect.objectContaining({
                provisional: true,
                decidedOn: '2025-07-05',
                rules: expect.arrayContaining([
                  expect.objectContaining({ ruleId: 'points.factors', status: 'illustrative' }),
                ]),
                inputs: expect.objectContaining({
                  contributionMonths: 40,
                  referenceDate: '2025-06-30',
                  homeOwned: true,
                }),
              }),
            }),
          },
        ]);
    });

    it('caps 15 permit years at 20 and 16 contribution years at 30 (2025-06-30)', () => {
      const events = assessed(
        shaoxing,
        facts({
          permit: { status: 'active', issuedOn: '2010-01-01', continuousResidenceSince: '2010-01-01' },
          contributionMonths: 200,
        }),
      );
      expect(points('permit')(events)).toEqual({ factor: 'permit', basis: 15, points: 20, capped: true });
      expect(points('contributions')(events)).toEqual({ factor: 'contributions', basis: 16, points: 30, capped: true });
    });

    it('counts a permit year only when complete: residence since 2024-06-30 gives 1 year on 2025-06-30, none on 2025-06-29', () => {
      const since = {
        permit: { status: 'active' as const, issuedOn: '2024-06-30', continuousResidenceSince: '2024-06-30' },
      };
      expect(points('permit')(assessed(shaoxing, facts(since)))).toMatchObject({ basis: 1, points: 2 });
      const dayBefore = pointsDecider.decide(
        {
          type: 'AssessPoints',
          data: { workerId: W, round: { roundId: 'r', referenceDate: '2025-06-29' }, purpose: 'public-services' },
        },
        pointsDecider.initialState,
        { today: '2025-07-05', policy: shaoxing, facts: facts(since) },
      ) as PointsEvent[];
      expect(points('permit')(dayBefore)).toMatchObject({ basis: 0, points: 0 });
    });

    it('counts permit years from the late 签注 of 2024-06-10 that restarted the clock: 1 year, not 6 (2025-06-30)', () => {
      const events = assessed(
        shaoxing,
        facts({ permit: { status: 'active', issuedOn: '2019-09-01', continuousResidenceSince: '2024-06-10' } }),
      );
      expect(points('permit')(events)).toMatchObject({ basis: 1, points: 2 });
    });

    it('floors deductions below 0 at 0: gross −15, total 0 (2025-06-30)', () => {
      spec(pointsDecider)
        .given([])
        .when(assess(), {
          today: '2025-07-05',
          policy: shaoxing,
          facts: facts({
            permit: { status: 'active', issuedOn: '2025-01-01', continuousResidenceSince: '2025-01-01' },
            contributionMonths: 11,
            education: '初中',
            skill: undefined,
            homeOwned: false,
            violationIds: ['V1', 'V2', 'V3'],
          }),
        })
        .then([{ type: 'PointsAssessed', data: expect.objectContaining({ gross: -15, total: 0 }) }]);
    });

    describe('adjustments after the assessment', () => {
      const base = assessed(shaoxing, facts()); // total 42, V1 deducted

      it('deducts 5 for a violation found on 2025-08-01, once however often it is sent', () => {
        const [adjusted] = spec(pointsDecider)
          .given(base)
          .when(
            { type: 'AdjustPoints', data: { workerId: W, kind: 'violation-deduction', violationId: 'V2' } },
            { today: '2025-08-01', policy: shaoxing },
          )
          .then([
            {
              type: 'PointsAdjusted',
              data: expect.objectContaining({ delta: -5, grossAfter: 37, totalAfter: 37, roundId: '2025-H1' }),
            },
          ]) as PointsEvent[];
        spec(pointsDecider)
          .given([...base, adjusted!])
          .when(
            { type: 'AdjustPoints', data: { workerId: W, kind: 'violation-deduction', violationId: 'V2' } },
            { today: '2025-08-02', policy: shaoxing },
          )
          .then([]);
      });

      it('stops a deduction at the floor on 2025-08-01 and gives back only what it took when annulled on 2025-09-01', () => {
        const low = assessed(
          shaoxing,
          facts({
            contributionMonths: 0,
            education: undefined,
            skill: undefined,
            homeOwned: false,
            violationIds: [],
            permit: { status: 'active', issuedOn: '2024-01-01', continuousResidenceSince: '2024-01-01' },
          }),
        );
        expect((low[0] as PointsAssessed).data.total).toBe(2);
        const [deducted] = spec(pointsDecider)
          .given(low)
          .when(
            { type: 'AdjustPoints', data: { workerId: W, kind: 'violation-deduction', violationId: 'V9' } },
            { today: '2025-08-01', policy: shaoxing },
          )
          .then([
            { type: 'PointsAdjusted', data: expect.objectContaining({ delta: -5, grossAfter: -3, totalAfter: 0 }) },
          ]) as PointsEvent[];
        spec(pointsDecider)
          .given([...low, deducted!])
          .when(
            { type: 'AdjustPoints', data: { workerId: W, kind: 'violation-annulled', violationId: 'V9' } },
            { today: '2025-09-01', policy: shaoxing },
          )
          .then([
            { type: 'PointsAdjusted', data: expect.objectContaining({ delta: 5, grossAfter: 2, totalAfter: 2 }) },
          ]);
      });

      it('refuses on 2025-09-01 to annul a violation that was never deducted', () => {
        spec(pointsDecider)
          .given(base)
          .when(
            { type: 'AdjustPoints', data: { workerId: W, kind: 'violation-annulled', violationId: 'V7' } },
            { today: '2025-09-01', policy: shaoxing },
          )
          .thenRefuses({ ruleId: 'points.factors', code: 'VIOLATION_NOT_DEDUCTED' });
      });

      it('refuses on 2025-08-01 to adjust points never assessed', () => {
        spec(pointsDecider)
          .given([])
          .when(
            { type: 'AdjustPoints', data: { workerId: W, kind: 'violation-deduction', violationId: 'V2' } },
            { today: '2025-08-01', policy: shaoxing },
          )
          .thenRefuses({ ruleId: 'points.factors', code: 'NOT_ASSESSED' });
      });
    });

    describe('一票否决', () => {
      const base = assessed(shaoxing, facts());

      it('vetoes on 2025-08-01 for a criminal conviction, then refuses a new assessment on 2025-12-31', () => {
        const [vetoed] = spec(pointsDecider)
          .given(base)
          .when(
            { type: 'VetoPoints', data: { workerId: W, ground: 'criminal-conviction', ref: 'J-2025-1' } },
            { today: '2025-08-01', policy: shaoxing },
          )
          .then([
            {
              type: 'PointsVetoed',
              data: expect.objectContaining({ ground: 'criminal-conviction', vetoedOn: '2025-08-01' }),
            },
          ]) as PointsEvent[];
        spec(pointsDecider)
          .given([...base, vetoed!])
          .when(assess(), { today: '2025-12-31', policy: shaoxing, facts: facts() })
          .thenRefuses({ ruleId: 'points.factors', code: 'POINTS_VETOED' });
      });

      it('refuses on 2025-08-01 to veto for a ground the pack does not name, pointing to a deduction instead', () => {
        spec(pointsDecider)
          .given(base)
          .when(
            { type: 'VetoPoints', data: { workerId: W, ground: 'traffic-fine', ref: 'T-1' } },
            { today: '2025-08-01', policy: shaoxing },
          )
          .thenRefuses({ ruleId: 'points.factors', code: 'NOT_A_VETO_GROUND' });
      });
    });
  });

  describe('points.factors [mid-round-city]: the pack changed in the middle of a round', () => {
    const city = midRoundCity();

    it('scores an assessment run on 2025-07-05 with the factors in force on the round’s 2025-06-30 reference date', () => {
      const events = assessed(city, facts(), '2025-07-05');
      expect(points('permit')(events)).toMatchObject({ basis: 6, points: 12 });
      expect((events[0] as PointsAssessed).data.factorsVersion).toEqual({
        packId: 'mid-round-city',
        packVersion: '2.0.0',
        effectiveFrom: '2016-01-01',
      });
    });

    it('scores a round dated 2025-07-01 with the new factors (3 a year)', () => {
      const outcome = pointsDecider.decide(
        {
          type: 'AssessPoints',
          data: { workerId: W, round: { roundId: '2025-H2', referenceDate: '2025-07-01' }, purpose: 'public-services' },
        },
        pointsDecider.initialState,
        { today: '2025-07-05', policy: city, facts: facts() },
      ) as PointsEvent[];
      expect(points('permit')(outcome)).toMatchObject({ basis: 6, points: 18 });
    });

    it('refuses to rank a round scored under two versions, naming who must be re-assessed', () => {
      const v1 = { packId: 'mid-round-city', packVersion: '2.0.0', effectiveFrom: '2016-01-01' };
      const v2 = { packId: 'mid-round-city', packVersion: '2.0.0', effectiveFrom: '2025-07-01' };
      const round: RoundEntry[] = [
        { workerId: 'a', total: 40, permitIssuedOn: '2019-01-01', factorsVersion: v1 },
        { workerId: 'b', total: 30, permitIssuedOn: '2019-01-01', factorsVersion: v1 },
        { workerId: 'c', total: 50, permitIssuedOn: '2019-01-01', factorsVersion: v2 },
      ];
      expect(() => rankRound(round)).toThrow(MixedFactorsVersionError);
      try {
        rankRound(round);
      } catch (error) {
        expect((error as MixedFactorsVersionError).workerIds).toEqual(['c']);
      }
    });
  });

  describe('points ranking [shaoxing]: ties → earlier permit', () => {
    const v = { packId: 'shaoxing', packVersion: '1.0.0', effectiveFrom: '2016-01-01' };

    it('ranks equal totals by the earlier permit, shares a rank only when the permit dates tie too, and leaves out vetoed workers', () => {
      const ranked = rankRound([
        { workerId: 'late', total: 42, permitIssuedOn: '2021-05-01', factorsVersion: v },
        { workerId: 'early', total: 42, permitIssuedOn: '2019-09-01', factorsVersion: v },
        { workerId: 'top', total: 50, permitIssuedOn: '2023-01-01', factorsVersion: v },
        { workerId: 'twin', total: 42, permitIssuedOn: '2021-05-01', factorsVersion: v },
        { workerId: 'none', total: 42, permitIssuedOn: null, factorsVersion: v },
        { workerId: 'vetoed', total: 99, permitIssuedOn: '2015-01-01', factorsVersion: v, vetoed: true },
      ]);
      expect(ranked.map((r) => [r.workerId, r.rank])).toEqual([
        ['top', 1],
        ['early', 2],
        ['late', 3],
        ['twin', 3],
        ['none', 5],
      ]);
    });
  });

  describe('points.services-by-points [shaoxing]: 由条件管理向积分管理转变', () => {
    it('assesses for public services on 2025-07-05 citing the rule and the permit basis', () => {
      spec(pointsDecider)
        .given([])
        .when(assess(), { today: '2025-07-05', policy: shaoxing, facts: facts() })
        .then([
          {
            type: 'PointsAssessed',
            data: expect.objectContaining({
              purpose: 'public-services',
              decision: expect.objectContaining({
                rules: [
                  expect.objectContaining({
                    ruleId: 'points.services-by-points',
                    source: 'shaoxing-2016-11 §(四)',
                    status: 'in-force',
                  }),
                  expect.objectContaining({ ruleId: 'points.factors' }),
                  expect.objectContaining({ ruleId: 'permit.tier-basis' }),
                ],
              }),
            }),
          },
        ]);
    });

    it('refuses on 2025-07-05 to score a worker whose permit is suspended, as shaoxing tiers services on the permit', () => {
      spec(pointsDecider)
        .given([])
        .when(assess(), {
          today: '2025-07-05',
          policy: shaoxing,
          facts: facts({
            permit: { status: 'suspended', issuedOn: '2019-09-01', continuousResidenceSince: '2019-03-01' },
          }),
        })
        .thenRefuses({
          ruleId: 'permit.tier-basis',
          code: 'NO_ACTIVE_PERMIT',
          wouldChange: '补办签注恢复居住证使用功能',
        });
    });

    it('has no points for school admission in shaoxing, whose schooling is keyed on the permit (2025-07-05)', () => {
      spec(pointsDecider)
        .given([])
        .when(assess('school-admission'), { today: '2025-07-05', policy: shaoxing, facts: facts() })
        .thenRefuses({ ruleId: 'points.school-admission', code: 'NOT_PROVIDED_BY_PACK' });
    });

    it('has no points scheme at all in panzhihua (2025-07-05)', () => {
      spec(pointsDecider)
        .given([])
        .when(assess(), { today: '2025-07-05', policy: panzhihua, facts: facts() })
        .thenRefuses({ ruleId: 'points.services-by-points', code: 'NOT_PROVIDED_BY_PACK', packId: 'panzhihua' });
    });

    it('rejects a round dated after today', () => {
      spec(pointsDecider)
        .given([])
        .when(assess(), { today: '2025-06-29', policy: shaoxing, facts: facts() })
        .thenThrows(/after today/);
    });
  });

  describe('points.school-admission [sanming] (征求意见稿)', () => {
    it('assesses a parent for 三元区 central primary seats on 2025-07-05, flagged as a draft', () => {
      spec(pointsDecider)
        .given([])
        .when(assess('school-admission', { threeUnified: false }), {
          today: '2025-07-05',
          policy: sanming,
          facts: facts(),
        })
        .then([
          {
            type: 'PointsAssessed',
            data: expect.objectContaining({
              purpose: 'school-admission',
              total: 42,
              decision: expect.objectContaining({
                packId: 'sanming',
                provisional: true,
                rules: [
                  expect.objectContaining({
                    ruleId: 'points.school-admission',
                    source: 'sanming-draft §8',
                    status: 'draft',
                  }),
                  expect.objectContaining({ ruleId: 'points.factors', status: 'illustrative' }),
                ],
              }),
            }),
          },
        ]);
    });

    it('refuses on 2025-07-05 a “三统一” parent, whose child is placed by catchment', () => {
      const refusal = spec(pointsDecider)
        .given([])
        .when(assess('school-admission', { threeUnified: true }), {
          today: '2025-07-05',
          policy: sanming,
          facts: facts(),
        })
        .thenRefuses({ ruleId: 'points.school-admission', code: 'THREE_UNIFIED', status: 'draft' });
      expect(refusal.detail).toContain('征求意见稿');
    });

    it('has no points for public services in sanming (2025-07-05)', () => {
      spec(pointsDecider)
        .given([])
        .when(assess(), { today: '2025-07-05', policy: sanming, facts: facts() })
        .thenRefuses({ ruleId: 'points.services-by-points', code: 'NOT_PROVIDED_BY_PACK', packId: 'sanming' });
    });
  });

  describe('points.factors [sanming] (illustrative numbers in a draft pack)', () => {
    it('scores a parent without a permit on 2025-06-30 with no permit points, as sanming does not key points on the permit', () => {
      const outcome = pointsDecider.decide(assess('school-admission'), pointsDecider.initialState, {
        today: '2025-07-05',
        policy: sanming,
        facts: facts({ permit: { status: 'none' } }),
      }) as PointsEvent[];
      expect(points('permit')(outcome)).toMatchObject({ basis: 0, points: 0 });
      expect((outcome[0] as PointsAssessed).data).toMatchObject({ total: 30, permitIssuedOn: null });
    });

    it('caps and floors as docs/policy-rules.md §3: 技师 15, 4 violations −20, floor 0 (2025-06-30)', () => {
      const outcome = pointsDecider.decide(assess('school-admission'), pointsDecider.initialState, {
        today: '2025-07-05',
        policy: sanming,
        facts: facts({
          permit: { status: 'none' },
          contributionMonths: 0,
          education: undefined,
          skill: '技师',
          homeOwned: false,
          violationIds: ['a', 'b', 'c', 'd'],
        }),
      }) as PointsEvent[];
      expect(points('skill')(outcome)).toMatchObject({ points: 15 });
      expect((outcome[0] as PointsAssessed).data).toMatchObject({ gross: -5, total: 0 });
    });
  });
});
