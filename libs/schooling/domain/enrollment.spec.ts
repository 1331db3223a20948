import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import { withSchoolAge } from '../testing/city-pack';
import { schoolingDecider } from './decide';
import type { SchoolingEvent } from './events';
import { applied, ctx, decideE1, registered } from './spec-fixtures';

const panzhihua = new PolicyView(loadPack('panzhihua'));
const shaoxing = new PolicyView(loadPack('shaoxing'));
const fangshan = new PolicyView(loadPack('fangshan'));
const fengdu = new PolicyView(loadPack('fengdu'));
const sanming = new PolicyView(loadPack('sanming'));

const validParent = { parents: [{ workerId: 'w1', permitStatus: 'valid' as const }] };
const buyer = (hukouMovedOn?: string) => ({
  parents: [{ workerId: 'w1', homePurchasedOn: '2019-04-01', ...(hukouMovedOn ? { hukouMovedOn } : {}) }],
});

describe('school.admission.guarantee [panzhihua] (panzhihua-2016-10 §(十三))', () => {
  it('admits a child transferring into grade 3 on 2024-06-01 with no condition, in force (not provisional)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(panzhihua, '2024-06-01'))
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          data: expect.objectContaining({
            attendance: 'regular',
            priority: false,
            decision: expect.objectContaining({
              provisional: false,
              rules: [
                expect.objectContaining({ ruleId: 'school.admission.guarantee', source: 'panzhihua-2016-10 §(十三)' }),
              ],
            }),
          }),
        },
      ]);
  });

  it('refuses a first-grade application on 2024-06-01 for want of the school age the city has not set (no default)', () => {
    spec(schoolingDecider)
      .given([registered('2018-03-01'), applied('2024-06-01', 1)])
      .when(decideE1, ctx(panzhihua, '2024-06-01'))
      .thenRefuses({
        ruleId: 'school.admission.age',
        code: 'SCHOOL_AGE_NOT_IN_PACK',
        wouldChange: "the city's pack must state the school entry age and cut-off (school.admission.age)",
      });
  });

  describe('with the city’s own entry age (6 by 08-31) added to the pack', () => {
    const city = withSchoolAge('panzhihua');

    it('admits a child who turns 6 on the cut-off day, 2024-08-31, to the 2024 first grade', () => {
      spec(schoolingDecider)
        .given([registered('2018-08-31'), applied('2024-05-10', 1)])
        .when(decideE1, ctx(city, '2024-05-10'))
        .then([
          {
            type: 'EnrollmentEligibilityDecided',
            data: expect.objectContaining({
              decision: expect.objectContaining({
                packId: 'panzhihua-city',
                rules: [
                  expect.objectContaining({ ruleId: 'school.admission.guarantee' }),
                  expect.objectContaining({ ruleId: 'school.admission.age' }),
                ],
              }),
            }),
          },
        ]);
    });

    it('refuses a child who turns 6 on 2024-09-01, the day after the cut-off: may apply for 2025', () => {
      const refusal = spec(schoolingDecider)
        .given([registered('2018-09-01'), applied('2024-05-10', 1)])
        .when(decideE1, ctx(city, '2024-05-10'))
        .thenRefuses({
          ruleId: 'school.admission.age',
          code: 'BELOW_SCHOOL_AGE',
          computed: { age: 5, on: '2024-08-31' },
          wouldChange: 'may apply for the 2025 school year',
        });
      expect(refusal.detail).toBe(
        '不予入学：2024-08-31未满6周岁（`school.admission.age`，panzhihua-city 义务教育招生通知）',
      );
    });

    it('counts a child born 2016-02-29 as 6 on 2022-02-28, a 02-28 cut-off in a common year', () => {
      const febCity = withSchoolAge('panzhihua', { entryAge: 6, cutOff: '02-28' });
      spec(schoolingDecider)
        .given([registered('2016-02-29'), applied('2022-01-10', 1)])
        .when(decideE1, ctx(febCity, '2022-01-10'))
        .then([{ type: 'EnrollmentEligibilityDecided' }]);
    });
  });
});

describe('school.admission.permit-link [shaoxing] (shaoxing-2016-11 §(八), illustrative terms)', () => {
  it('admits on 2024-06-01 a child whose parent’s permit is valid that day, flagged illustrative', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(shaoxing, '2024-06-01', validParent))
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          data: expect.objectContaining({
            decision: expect.objectContaining({
              provisional: true,
              rules: [expect.objectContaining({ ruleId: 'school.admission.permit-link', status: 'illustrative' })],
              inputs: expect.objectContaining({ parents: validParent.parents }),
            }),
          }),
        },
      ]);
  });

  it('refuses on 2024-06-01 when the only parent’s permit is suspended for an overdue 签注, naming the late 签注', () => {
    const refusal = spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(shaoxing, '2024-06-01', { parents: [{ workerId: 'w1', permitStatus: 'suspended' }] }))
      .thenRefuses({
        ruleId: 'school.admission.permit-link',
        code: 'PARENT_PERMIT_NOT_VALID',
        wouldChange: 'a late 签注 restores the parent’s permit; apply again once it is valid',
      });
    expect(refusal.detail).toContain('示例参数');
  });

  it('refuses when neither parent holds a permit (2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(
        decideE1,
        ctx(shaoxing, '2024-06-01', { parents: [{ workerId: 'w1', permitStatus: 'none' }, { workerId: 'w2' }] }),
      )
      .thenRefuses({
        code: 'PARENT_PERMIT_NOT_VALID',
        wouldChange: 'needs a parent’s residence permit valid on the application date',
      });
  });

  it('judges a backdated application on its own date: permit valid on 2024-05-20, decided 2024-06-10', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-05-20')])
      .when(decideE1, ctx(shaoxing, '2024-06-10', validParent))
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          effectiveOn: '2024-05-20',
          data: expect.objectContaining({ assessedOn: '2024-05-20' }),
        },
      ]);
  });
});

describe('school.public-first [fangshan] (fangshan-2017 §六(一))', () => {
  it('admits on 2024-06-01 with no condition stated beyond school age (符合条件 unstated)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(fangshan, '2024-06-01'))
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          data: expect.objectContaining({
            decision: expect.objectContaining({
              rules: [expect.objectContaining({ ruleId: 'school.public-first', source: 'fangshan-2017 §六(一)' })],
            }),
          }),
        },
      ]);
  });

  it('was not in force on 2017-01-10, before the document of 2017-02-14: refused under it, eligible from 2017-02-14', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2017-01-10')])
      .when(decideE1, ctx(fangshan, '2017-01-10'))
      .thenRefuses({ code: 'RULE_NOT_YET_IN_FORCE', ruleId: 'school.public-first', eligibleFrom: '2017-02-14' });
  });
});

describe('school.public-first [fengdu] (fengdu-2017-29 §四, home buyers only)', () => {
  it('admits the child of a home buyer on 2024-06-01', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(fengdu, '2024-06-01', buyer()))
      .then([{ type: 'EnrollmentEligibilityDecided', data: expect.objectContaining({ priority: false }) }]);
  });

  it('refuses the child of a worker who bought no home in the county (2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(fengdu, '2024-06-01', { parents: [{ workerId: 'w1', permitStatus: 'valid' }] }))
      .thenRefuses({ ruleId: 'school.public-first', code: 'NOT_HOME_BUYER', source: 'fengdu-2017-29 §四' });
  });
});

describe('school.priority.settled-buyer [fengdu] (fengdu-2017-29 §四)', () => {
  it('gives priority on 2024-06-01 to a child whose parent bought a home and moved the hukou (2020-02-01)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(fengdu, '2024-06-01', buyer('2020-02-01')))
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          data: expect.objectContaining({
            priority: true,
            decision: expect.objectContaining({
              rules: [
                expect.objectContaining({ ruleId: 'school.public-first' }),
                expect.objectContaining({ ruleId: 'school.priority.settled-buyer' }),
              ],
            }),
          }),
        },
      ]);
  });

  it('gives no priority when the hukou moved after the application date (moved 2024-07-01, applied 2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01')])
      .when(decideE1, ctx(fengdu, '2024-07-05', buyer('2024-07-01')))
      .then([{ type: 'EnrollmentEligibilityDecided', data: expect.objectContaining({ priority: false }) }]);
  });
});

describe('school.disability.no-refusal [fengdu] (fengdu-2017-29 §四)', () => {
  it('admits a moderately disabled child on 2024-06-01, recording the rule', () => {
    spec(schoolingDecider)
      .given([registered('2017-05-10', 'moderate'), applied('2024-06-01')])
      .when(decideE1, ctx(fengdu, '2024-06-01', buyer()))
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          data: expect.objectContaining({
            attendance: 'regular',
            decision: expect.objectContaining({
              rules: expect.arrayContaining([expect.objectContaining({ ruleId: 'school.disability.no-refusal' })]),
            }),
          }),
        },
      ]);
  });

  it('places a severely disabled child who cannot attend as 免学 with home teaching, not a refusal (2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered('2017-05-10', 'severe'), applied('2024-06-01')])
      .when(
        { type: 'DecideEnrollmentEligibility', data: { applicationId: 'e1', attendance: 'exempt' } },
        ctx(fengdu, '2024-06-01', buyer()),
      )
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          data: expect.objectContaining({ attendance: 'exempt', homeTeaching: true }),
        },
      ]);
  });

  it('refuses 缓学 for a mildly disabled child: home teaching is for the severe (2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered('2017-05-10', 'mild'), applied('2024-06-01')])
      .when(
        { type: 'DecideEnrollmentEligibility', data: { applicationId: 'e1', attendance: 'deferred' } },
        ctx(fengdu, '2024-06-01', buyer()),
      )
      .thenRefuses({ ruleId: 'school.disability.no-refusal', code: 'HOME_TEACHING_NOT_FOR_LEVEL' });
  });
});

describe('points-ranked admission in sanming (points.school-admission, owned by the points domain)', () => {
  const area = '三元区中心城区';

  it('admits to the 三元区 central primary schools on 2024-06-01, ranked by the parent’s points, as a draft', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01', 3, 2024, area)])
      .when(decideE1, ctx(sanming, '2024-06-01', { points: { workerId: 'w1', total: 42, assessedOn: '2024-05-01' } }))
      .then([
        {
          type: 'EnrollmentEligibilityDecided',
          data: expect.objectContaining({
            rankingPoints: 42,
            decision: expect.objectContaining({
              provisional: true,
              rules: [expect.objectContaining({ ruleId: 'points.school-admission' })],
            }),
          }),
        },
      ]);
  });

  it('refuses without a points assessment, saying one is needed (2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01', 3, 2024, area)])
      .when(decideE1, ctx(sanming, '2024-06-01'))
      .thenRefuses({
        ruleId: 'points.school-admission',
        code: 'POINTS_NOT_ASSESSED',
        wouldChange: 'needs a points assessment of a parent',
      });
  });

  it('has no admission rule for the rest of Sanming: not provided (2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered(), applied('2024-06-01', 3, 2024, '永安市')])
      .when(decideE1, ctx(sanming, '2024-06-01'))
      .thenRefuses({ code: 'NOT_PROVIDED_BY_PACK', ruleId: 'school.admission.*' });
  });
});

describe('enrolment applications', () => {
  it('records a backdated application with its effectiveOn, and rejects one before the child is registered', () => {
    spec(schoolingDecider)
      .given([registered()])
      .when(
        {
          type: 'ApplyForEnrollment',
          data: { applicationId: 'e1', appliedOn: '2024-05-20', schoolYear: 2024, grade: 3 },
        },
        ctx(panzhihua, '2024-06-01'),
      )
      .then([{ type: 'EnrollmentApplied', effectiveOn: '2024-05-20' }]);
    spec(schoolingDecider)
      .given([] as SchoolingEvent[])
      .when(
        {
          type: 'ApplyForEnrollment',
          data: { applicationId: 'e1', appliedOn: '2024-05-20', schoolYear: 2024, grade: 3 },
        },
        ctx(panzhihua, '2024-06-01'),
      )
      .thenThrows(/not registered/);
  });
});

describe('home teaching where the pack has no rule for it (panzhihua)', () => {
  it('cannot arrange home teaching in panzhihua, whose pack has no such rule (2024-06-01)', () => {
    spec(schoolingDecider)
      .given([registered('2017-05-10', 'severe'), applied('2024-06-01')])
      .when(
        { type: 'DecideEnrollmentEligibility', data: { applicationId: 'e1', attendance: 'exempt' } },
        ctx(panzhihua, '2024-06-01'),
      )
      .thenRefuses({ ruleId: 'school.disability.no-refusal', code: 'NOT_PROVIDED_BY_PACK' });
  });
});
