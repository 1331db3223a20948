import { isRefusal } from '@ledger/kernel';
import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import { schoolingDecider } from './decide';
import type { SchoolingEvent } from './events';
import { decidePremaritalCheckFee } from '../../public-health/domain/premarital-check';
import { applied, ctx, eligible, offered, registered } from './spec-fixtures';

const panzhihua = new PolicyView(loadPack('panzhihua'));
const shaoxing = new PolicyView(loadPack('shaoxing'));
const fangshan = new PolicyView(loadPack('fangshan'));
const fengdu = new PolicyView(loadPack('fengdu'));
const sanming = new PolicyView(loadPack('sanming'));

const open = (openedOn: string) => ({ type: 'OpenVaccinationRecord' as const, data: { openedOn } });
const buyer = { parents: [{ workerId: 'w1', homePurchasedOn: '2019-04-01' }] };

describe('health.vaccination.card [shaoxing] (shaoxing-2016-11 §(九))', () => {
  const since = { childResidenceSince: '2023-11-30' };

  it('opens a 预防接种证(卡) on 2024-02-29, exactly 3 months (以上) after arriving 2023-11-30', () => {
    spec(schoolingDecider)
      .given([registered('2022-01-01')])
      .when(open('2024-02-29'), ctx(shaoxing, '2024-02-29', since))
      .then([
        {
          type: 'VaccinationRecordOpened',
          data: expect.objectContaining({
            recordKind: 'card',
            decision: expect.objectContaining({
              rules: [expect.objectContaining({ ruleId: 'health.vaccination.card' })],
            }),
          }),
        },
      ]);
  });

  it('refuses on 2024-02-28, a day short, eligible from 2024-02-29', () => {
    const refusal = spec(schoolingDecider)
      .given([registered('2022-01-01')])
      .when(open('2024-02-28'), ctx(shaoxing, '2024-02-28', since))
      .thenRefuses({ ruleId: 'health.vaccination.card', code: 'RESIDENCE_TOO_SHORT', eligibleFrom: '2024-02-29' });
    expect(refusal.detail).toBe(
      '暂不建立预防接种证(卡)：居住2个月29天，不满3个月（`health.vaccination.card`，shaoxing-2016-11 §(九)）',
    );
  });

  it('refuses without a residence record, saying one is needed', () => {
    spec(schoolingDecider)
      .given([registered('2022-01-01')])
      .when(open('2024-02-28'), ctx(shaoxing, '2024-02-28'))
      .thenRefuses({ code: 'RESIDENCE_NOT_SHOWN', wouldChange: 'needs a record of the child’s residence in the city' });
  });
});

describe('health.vaccination.file [fengdu] (fengdu-2017-29 §三; 0-6 in full years)', () => {
  it('opens a file for a home buyer’s child on 2024-05-09, the last day aged 6 (born 2017-05-10)', () => {
    spec(schoolingDecider)
      .given([registered('2017-05-10')])
      .when(open('2024-05-09'), ctx(fengdu, '2024-05-09', buyer))
      .then([
        {
          type: 'VaccinationRecordOpened',
          data: expect.objectContaining({
            recordKind: 'file',
            decision: expect.objectContaining({ inputs: expect.objectContaining({ age: 6 }) }),
          }),
        },
      ]);
  });

  it('refuses on 2024-05-10, the seventh birthday: 6 is included, 7 is not', () => {
    spec(schoolingDecider)
      .given([registered('2017-05-10')])
      .when(open('2024-05-10'), ctx(fengdu, '2024-05-10', buyer))
      .thenRefuses({ ruleId: 'health.vaccination.file', code: 'AGE_OUTSIDE_RANGE', computed: { age: 7 } });
  });

  it('opens a file for a newborn (age 0) on 2024-01-15', () => {
    spec(schoolingDecider)
      .given([registered('2024-01-01')])
      .when(open('2024-01-15'), ctx(fengdu, '2024-01-15', buyer))
      .then([{ type: 'VaccinationRecordOpened', data: expect.objectContaining({ recordKind: 'file' }) }]);
  });

  it('refuses the child of a worker who bought no home in the county (2024-01-15)', () => {
    spec(schoolingDecider)
      .given([registered('2020-01-01')])
      .when(open('2024-01-15'), ctx(fengdu, '2024-01-15', { parents: [{ workerId: 'w1' }] }))
      .thenRefuses({ ruleId: 'health.vaccination.file', code: 'NOT_HOME_BUYER' });
  });
});

describe('health.vaccination.equal [fangshan] (fangshan-2017 §六(二))', () => {
  it('opens the certificate on arrival day 2024-03-01, with no residence condition', () => {
    spec(schoolingDecider)
      .given([registered('2022-01-01')])
      .when(open('2024-03-01'), ctx(fangshan, '2024-03-01', { childResidenceSince: '2024-03-01' }))
      .then([
        {
          type: 'VaccinationRecordOpened',
          data: expect.objectContaining({
            recordKind: 'certificate',
            decision: expect.objectContaining({
              provisional: false,
              rules: [expect.objectContaining({ ruleId: 'health.vaccination.equal' })],
            }),
          }),
        },
      ]);
  });
});

describe('health.vaccination.equal [sanming] (sanming-draft §10, draft)', () => {
  it('opens the certificate on 2024-03-01 with no condition, flagged as a draft', () => {
    spec(schoolingDecider)
      .given([registered('2022-01-01')])
      .when(open('2024-03-01'), ctx(sanming, '2024-03-01'))
      .then([
        {
          type: 'VaccinationRecordOpened',
          data: expect.objectContaining({
            decision: expect.objectContaining({
              provisional: true,
              rules: [expect.objectContaining({ ruleId: 'health.vaccination.equal', status: 'draft' })],
            }),
          }),
        },
      ]);
  });

  it('rejects opening a second record for the same child', () => {
    spec(schoolingDecider)
      .given([
        registered('2022-01-01'),
        {
          type: 'VaccinationRecordOpened',
          data: { recordKind: 'certificate', openedOn: '2024-03-01', decision: {} as never },
        },
      ])
      .when(open('2024-04-01'), ctx(sanming, '2024-04-01'))
      .thenThrows(/already|was opened/);
  });
});

describe('health.basic-public [panzhihua] (panzhihua-2016-10 §(十四))', () => {
  const since = { childResidenceSince: '2023-08-31' };
  const decideCoverage = (decidedOn: string) => ({ type: 'DecidePublicHealthCoverage' as const, data: { decidedOn } });

  it('covers a child with the 12 categories on 2024-02-29, half a year (以上) after 2023-08-31', () => {
    spec(schoolingDecider)
      .given([registered('2020-01-01')])
      .when(decideCoverage('2024-02-29'), ctx(panzhihua, '2024-02-29', since))
      .then([
        {
          type: 'PublicHealthCoverageDecided',
          data: expect.objectContaining({
            coveredFrom: '2024-02-29',
            categories: 12,
            decision: expect.objectContaining({ rules: [expect.objectContaining({ ruleId: 'health.basic-public' })] }),
          }),
        },
      ]);
  });

  it('refuses on 2024-02-28 after 5 months 28 days, eligible from 2024-02-29', () => {
    spec(schoolingDecider)
      .given([registered('2020-01-01')])
      .when(decideCoverage('2024-02-28'), ctx(panzhihua, '2024-02-28', since))
      .thenRefuses({
        ruleId: 'health.basic-public',
        code: 'RESIDENCE_TOO_SHORT',
        computed: { months: 5, days: 28 },
        eligibleFrom: '2024-02-29',
      });
  });

  it('opens the vaccination certificate through the 12 categories after half a year (2024-02-29), not before', () => {
    spec(schoolingDecider)
      .given([registered('2020-01-01')])
      .when(open('2024-02-29'), ctx(panzhihua, '2024-02-29', since))
      .then([{ type: 'VaccinationRecordOpened', data: expect.objectContaining({ recordKind: 'certificate' }) }]);
    spec(schoolingDecider)
      .given([registered('2020-01-01')])
      .when(open('2024-02-28'), ctx(panzhihua, '2024-02-28', since))
      .thenRefuses({ ruleId: 'health.basic-public', eligibleFrom: '2024-02-29' });
  });

  it('is not provided in shaoxing, whose pack has no basic-public rule', () => {
    spec(schoolingDecider)
      .given([registered('2020-01-01')])
      .when(decideCoverage('2024-02-29'), ctx(shaoxing, '2024-02-29', since))
      .thenRefuses({ ruleId: 'health.basic-public', code: 'NOT_PROVIDED_BY_PACK' });
  });
});

describe('health.premarital.free [panzhihua] (panzhihua-2016-10 §(十四))', () => {
  it('decides a premarital check on 2024-04-01 is free (0 fen)', () => {
    const result = decidePremaritalCheckFee(panzhihua, '2024-04-01', {
      workerId: 'w1',
      service: 'premarital',
      checkedOn: '2024-04-01',
      chargedFen: 0,
    });
    expect(result).toMatchObject({ feeFen: 0, decision: { rules: [{ ruleId: 'health.premarital.free' }] } });
  });

  it('refuses a pre-pregnancy check charged 12,000 fen (2024-04-01)', () => {
    const result = decidePremaritalCheckFee(panzhihua, '2024-04-01', {
      workerId: 'w1',
      service: 'pre-pregnancy',
      checkedOn: '2024-04-01',
      chargedFen: 12_000,
    });
    expect(isRefusal(result) && result).toMatchObject({
      ruleId: 'health.premarital.free',
      code: 'FEE_CHARGED',
      computed: 12_000,
      required: 0,
    });
  });

  it('is not provided in fangshan (2024-04-01)', () => {
    const result = decidePremaritalCheckFee(fangshan, '2024-04-01', {
      workerId: 'w1',
      service: 'premarital',
      checkedOn: '2024-04-01',
      chargedFen: 0,
    });
    expect(result).toMatchObject({ kind: 'refusal', code: 'NOT_PROVIDED_BY_PACK' });
  });
});



describe('school.exam.attended-school [fengdu] (fengdu-2017-29 §四)', () => {
  const exam = { type: 'DecideExamEligibility' as const, data: { examYear: 2029, decidedOn: '2029-03-01' } };
  const enrolledEvent: SchoolingEvent = {
    type: 'Enrolled',
    data: {
      applicationId: 'e1',
      schoolId: 's1',
      grade: 1,
      enrolledOn: '2023-09-01',
      vaccinationCheck: 'complete',
      decision: {} as never,
    },
  };
  const enrolledHistory: SchoolingEvent[] = [
    registered(),
    applied('2023-06-01', 1),
    eligible(),
    offered('s1'),
    enrolledEvent,
  ];

  it('lets a pupil enrolled in a county school sit the 小学毕业考试 there (decided 2029-03-01)', () => {
    spec(schoolingDecider)
      .given(enrolledHistory)
      .when(exam, ctx(fengdu, '2029-03-01'))
      .then([
        {
          type: 'ExamEligibilityDecided',
          data: expect.objectContaining({
            examYear: 2029,
            exam: 'primary-graduation',
            schoolId: 's1',
            decision: expect.objectContaining({
              rules: [expect.objectContaining({ ruleId: 'school.exam.attended-school' })],
            }),
          }),
        },
      ]);
  });

  it('refuses a child not enrolled in a county school (2029-03-01)', () => {
    spec(schoolingDecider)
      .given([registered()])
      .when(exam, ctx(fengdu, '2029-03-01'))
      .thenRefuses({ ruleId: 'school.exam.attended-school', code: 'NOT_ENROLLED' });
  });

  it('school.exam.local [shaoxing] (shaoxing-2016-11 §(八), illustrative): an enrolled pupil may sit the 中考 locally, flagged illustrative (2029-03-01)', () => {
    spec(schoolingDecider)
      .given(enrolledHistory)
      .when({ ...exam, data: { ...exam.data, exam: 'zhongkao' as const } }, ctx(shaoxing, '2029-03-01'))
      .then([
        {
          type: 'ExamEligibilityDecided',
          data: expect.objectContaining({
            exam: 'zhongkao',
            schoolId: 's1',
            decision: expect.objectContaining({
              provisional: true,
              rules: [expect.objectContaining({ ruleId: 'school.exam.local', status: 'illustrative' })],
            }),
          }),
        },
      ]);
  });

  it('school.exam.local [shaoxing] (shaoxing-2016-11 §(八)): refuses the 高考 to a pupil not enrolled in the city (2029-03-01)', () => {
    spec(schoolingDecider)
      .given([registered()])
      .when({ ...exam, data: { ...exam.data, exam: 'gaokao' as const } }, ctx(shaoxing, '2029-03-01'))
      .thenRefuses({ ruleId: 'school.exam.local', code: 'NOT_ENROLLED' });
  });

  it('is not provided in panzhihua, whose seed says nothing of the exam (2029-03-01)', () => {
    spec(schoolingDecider)
      .given(enrolledHistory)
      .when(exam, ctx(panzhihua, '2029-03-01'))
      .thenRefuses({ ruleId: 'school.exam.attended-school', code: 'NOT_PROVIDED_BY_PACK' });
  });
});
