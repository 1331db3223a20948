import { spec } from '@ledger/kernel/specification';
import type { EnrolWorker } from './commands';
import { insuranceDecider } from './decide';
import type { EnrolledInSchemes } from './events';
import { contextFor, like } from './spec-support';

const W = 'w-1';
const stable = (employerId: string): EnrolWorker => ({
  type: 'EnrolWorker',
  data: { workerId: W, basis: 'stable-job', employerId },
});
const flexible = (
  ...schemes: EnrolWorker['data'] extends infer D ? (D extends { schemes: infer S } ? S : never) : never
): EnrolWorker => ({
  type: 'EnrolWorker',
  data: { workerId: W, basis: 'flexible', schemes },
});
const byProject = (projectId: string): EnrolWorker => ({
  type: 'EnrolWorker',
  data: { workerId: W, basis: 'construction-project', projectId },
});

const stableRelation = { labourRelation: { kind: 'stable' as const, employerId: 'firm-1' } };

describe('si.enrol.stable-job [shaoxing]: pension and medical only', () => {
  it('enrols a worker with a stable labour relation in employee pension and medical on 2024-03-01', () => {
    const [event] = spec(insuranceDecider)
      .given([])
      .when(stable('firm-1'), contextFor('shaoxing', '2024-03-01', stableRelation))
      .then(
        like([
          {
            type: 'EnrolledInSchemes',
            data: {
              basis: 'stable-job',
              schemes: ['employee-pension', 'employee-medical'],
              employerId: 'firm-1',
              enrolledOn: '2024-03-01',
            },
          },
        ]),
      ) as EnrolledInSchemes[];
    expect(event!.data.decision).toMatchObject({
      packId: 'shaoxing',
      provisional: false,
      rules: [{ ruleId: 'si.enrol.stable-job', source: 'shaoxing-2016-11 §(七)', status: 'in-force' }],
      inputs: { labourRelation: { kind: 'stable', employerId: 'firm-1' } },
    });
  });

  it('refuses on 2024-03-01 a worker whose relation with the firm is not stable, saying what would change it', () => {
    const refusal = spec(insuranceDecider)
      .given([])
      .when(stable('firm-1'), contextFor('shaoxing', '2024-03-01', { labourRelation: { kind: 'flexible' } }))
      .thenRefuses({
        ruleId: 'si.enrol.stable-job',
        code: 'NO_STABLE_LABOUR_RELATION',
        source: 'shaoxing-2016-11 §(七)',
      });
    expect(refusal.wouldChange).toContain('劳动合同');
    expect(refusal.detail).toContain('（`si.enrol.stable-job`，shaoxing-2016-11 §(七)）');
  });

  it('refuses on 2024-04-01 to enrol the same worker with the same firm twice', () => {
    const given = spec(insuranceDecider)
      .given([])
      .when(stable('firm-1'), contextFor('shaoxing', '2024-03-01', stableRelation))
      .then(() => undefined);
    spec(insuranceDecider)
      .given(given)
      .when(stable('firm-1'), contextFor('shaoxing', '2024-04-01', stableRelation))
      .thenRefuses({ ruleId: 'si.enrol.stable-job', code: 'ALREADY_ENROLLED' });
  });
});

describe('si.enrol.stable-job [fangshan]: also maternity and work injury', () => {
  it('enrols a worker with a stable labour relation in pension, medical, maternity and work injury on 2024-03-01', () => {
    spec(insuranceDecider)
      .given([])
      .when(stable('firm-1'), contextFor('fangshan', '2024-03-01', stableRelation))
      .then(
        like([
          {
            type: 'EnrolledInSchemes',
            data: {
              schemes: ['employee-pension', 'employee-medical', 'maternity', 'work-injury'],
              decision: expect.objectContaining({
                rules: [expect.objectContaining({ ruleId: 'si.enrol.stable-job', source: 'fangshan-2017 §五(三)' })],
              }),
            },
          },
        ]),
      );
  });

  it('refuses on 2024-03-01 when the stable relation is with another firm', () => {
    spec(insuranceDecider)
      .given([])
      .when(stable('firm-2'), contextFor('fangshan', '2024-03-01', stableRelation))
      .thenRefuses({ ruleId: 'si.enrol.stable-job', code: 'NO_STABLE_LABOUR_RELATION' });
  });
});

describe.each(['panzhihua', 'sanming', 'fengdu'] as const)('si.enrol.stable-job [%s]: not in the pack', (pack) => {
  it('refuses with notProvided on 2024-03-01', () => {
    spec(insuranceDecider)
      .given([])
      .when(stable('firm-1'), contextFor(pack, '2024-03-01', stableRelation))
      .thenRefuses({ ruleId: 'si.enrol.stable-job', code: 'NOT_PROVIDED_BY_PACK', packId: pack });
  });
});

describe('si.enrol.flexible [panzhihua]: voluntary employee pension and medical', () => {
  const flex = { labourRelation: { kind: 'flexible' as const } };

  it('enrols a flexible worker in the one scheme chosen, employee pension, on 2024-03-01', () => {
    spec(insuranceDecider)
      .given([])
      .when(flexible('employee-pension'), contextFor('panzhihua', '2024-03-01', flex))
      .then(
        like([
          {
            type: 'EnrolledInSchemes',
            data: {
              basis: 'flexible',
              schemes: ['employee-pension'],
              decision: expect.objectContaining({
                rules: [expect.objectContaining({ ruleId: 'si.enrol.flexible', source: 'panzhihua-2016-10 §(七)' })],
              }),
            },
          },
        ]),
      );
  });

  it('enrols in both offered schemes when both are chosen on 2024-03-01', () => {
    spec(insuranceDecider)
      .given([])
      .when(flexible('employee-medical', 'employee-pension'), contextFor('panzhihua', '2024-03-01', flex))
      .then(like([{ data: { schemes: ['employee-pension', 'employee-medical'] } }]));
  });

  it('refuses maternity, which flexible workers are not offered, on 2024-03-01', () => {
    const refusal = spec(insuranceDecider)
      .given([])
      .when(flexible('employee-pension', 'maternity'), contextFor('panzhihua', '2024-03-01', flex))
      .thenRefuses({ ruleId: 'si.enrol.flexible', code: 'SCHEME_NOT_OFFERED', computed: ['maternity'] });
    expect(refusal.required).toEqual(['employee-pension', 'employee-medical']);
  });

  it('refuses on 2024-03-01 a worker who has a stable employer (the employer enrols them)', () => {
    spec(insuranceDecider)
      .given([])
      .when(flexible('employee-pension'), contextFor('panzhihua', '2024-03-01', stableRelation))
      .thenRefuses({ ruleId: 'si.enrol.flexible', code: 'HAS_STABLE_LABOUR_RELATION' });
  });
});

describe.each(['shaoxing', 'sanming', 'fangshan', 'fengdu'] as const)(
  'si.enrol.flexible [%s]: not in the pack',
  (pack) => {
    it('refuses with notProvided on 2024-03-01', () => {
      spec(insuranceDecider)
        .given([])
        .when(flexible('employee-pension'), contextFor(pack, '2024-03-01', { labourRelation: { kind: 'flexible' } }))
        .thenRefuses({ ruleId: 'si.enrol.flexible', code: 'NOT_PROVIDED_BY_PACK' });
    });
  },
);

describe('si.injury.by-project [sanming] (draft): work injury per construction project', () => {
  const project = (projectId: string, construction = true) => ({
    project: { projectId, employerId: 'builder-1', construction },
  });

  it('enrols a construction worker in work injury for the project on 2024-05-06, flagged as a draft', () => {
    const [event] = spec(insuranceDecider)
      .given([])
      .when(byProject('p-1'), contextFor('sanming', '2024-05-06', project('p-1')))
      .then(
        like([
          {
            data: {
              basis: 'construction-project',
              schemes: ['work-injury'],
              projectId: 'p-1',
              employerId: 'builder-1',
            },
          },
        ]),
      ) as EnrolledInSchemes[];
    expect(event!.data.decision).toMatchObject({
      provisional: true,
      rules: [{ ruleId: 'si.injury.by-project', source: 'sanming-draft §16', status: 'draft' }],
    });
  });

  it('enrols the same worker again for a second project on 2024-09-01, each project separately', () => {
    const first = spec(insuranceDecider)
      .given([])
      .when(byProject('p-1'), contextFor('sanming', '2024-05-06', project('p-1')))
      .then(() => undefined);
    spec(insuranceDecider)
      .given(first)
      .when(byProject('p-2'), contextFor('sanming', '2024-09-01', project('p-2')))
      .then(like([{ data: { projectId: 'p-2' } }]));
    spec(insuranceDecider)
      .given(first)
      .when(byProject('p-1'), contextFor('sanming', '2024-09-01', project('p-1')))
      .thenRefuses({ ruleId: 'si.injury.by-project', code: 'ALREADY_ENROLLED' });
  });

  it('refuses a project outside construction on 2024-05-06, saying the rule is a draft (征求意见稿)', () => {
    const refusal = spec(insuranceDecider)
      .given([])
      .when(byProject('p-9'), contextFor('sanming', '2024-05-06', project('p-9', false)))
      .thenRefuses({ ruleId: 'si.injury.by-project', code: 'NOT_CONSTRUCTION_PROJECT', status: 'draft' });
    expect(refusal.detail).toContain('sanming-draft §16，征求意见稿');
  });
});

describe.each(['panzhihua', 'shaoxing', 'fangshan', 'fengdu'] as const)(
  'si.injury.by-project [%s]: not in the pack',
  (pack) => {
    it('refuses with notProvided on 2024-05-06', () => {
      spec(insuranceDecider)
        .given([])
        .when(
          byProject('p-1'),
          contextFor(pack, '2024-05-06', { project: { projectId: 'p-1', employerId: 'b', construction: true } }),
        )
        .thenRefuses({ ruleId: 'si.injury.by-project', code: 'NOT_PROVIDED_BY_PACK' });
    });
  },
);
