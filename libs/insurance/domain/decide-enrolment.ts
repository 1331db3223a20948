import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type {
  SiEnrolFlexibleParams,
  SiEnrolStableJobParams,
  SiInjuryByProjectParams,
} from '@ledger/policy/params/insurance';
import type { EnrolWorker } from './commands';
import type { InsuranceContext } from './context';
import type { EnrolledInSchemes, InsuranceEvent } from './events';
import { isScheme, SCHEME_NAMES, type Scheme } from './schemes';
import type { InsuranceState } from './state';

type Data<B> = Extract<EnrolWorker['data'], { basis: B }>;

function enrolled(
  state: InsuranceState,
  schemes: readonly Scheme[],
  match: (e: InsuranceState['enrolments'][number]) => boolean,
): boolean {
  return schemes.every((s) => state.enrolments.some((e) => e.scheme === s && match(e)));
}

/** shaoxing-2016-11 §(七), fangshan-2017 §五(三): a stable labour relation enrols the worker in the pack's schemes. */
function enrolStableJob(
  data: Data<'stable-job'>,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const { policy, today } = context;
  const rule = policy.find<SiEnrolStableJobParams>('si.enrol.stable-job', today);
  if (!rule) return notProvided(policy, 'si.enrol.stable-job', '不予办理职工参保登记');
  const relation = context.labourRelation ?? { kind: 'none' as const };
  if (relation.kind !== 'stable' || relation.employerId !== data.employerId) {
    return refuse(policy, rule, {
      code: 'NO_STABLE_LABOUR_RELATION',
      reason: '不予办理职工参保登记：与该用人单位未建立稳定劳动关系',
      computed: relation,
      required: { kind: 'stable', employerId: data.employerId },
      wouldChange: '与该用人单位建立稳定劳动关系（依法签订劳动合同）',
    });
  }
  const schemes = rule.params.schemes;
  if (enrolled(state, schemes, (e) => e.basis === 'stable-job' && e.employerId === data.employerId)) {
    return refuse(policy, rule, {
      code: 'ALREADY_ENROLLED',
      reason: `不予重复参保：已随该用人单位参加${schemes.map((s) => SCHEME_NAMES[s]).join('、')}`,
      computed: schemes,
    });
  }
  const event: EnrolledInSchemes = {
    type: 'EnrolledInSchemes',
    data: {
      workerId: data.workerId,
      basis: 'stable-job',
      schemes: [...schemes],
      employerId: data.employerId,
      enrolledOn: today,
      decision: decisionRecord(policy, today, [rule], {
        basis: 'stable-job',
        employerId: data.employerId,
        labourRelation: relation,
      }),
    },
  };
  return [event];
}

/** panzhihua-2016-10 §(七): a flexible worker may choose to join the employee pension and medical schemes. */
function enrolFlexible(
  data: Data<'flexible'>,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const { policy, today } = context;
  if (data.schemes.length === 0 || !data.schemes.every(isScheme))
    throw new RangeError('choose at least one known scheme');
  const rule = policy.find<SiEnrolFlexibleParams>('si.enrol.flexible', today);
  if (!rule) return notProvided(policy, 'si.enrol.flexible', '不予办理灵活就业人员参保登记');
  const relation = context.labourRelation ?? { kind: 'none' as const };
  if (relation.kind === 'stable') {
    return refuse(policy, rule, {
      code: 'HAS_STABLE_LABOUR_RELATION',
      reason: '不予以灵活就业人员身份参保：与用人单位有稳定劳动关系，应随用人单位参保',
      computed: relation,
      required: { kind: ['flexible', 'none'] },
      wouldChange: '由用人单位办理职工参保',
    });
  }
  const offered = rule.params.schemes;
  const notOffered = data.schemes.filter((s) => !offered.includes(s));
  if (notOffered.length > 0) {
    return refuse(policy, rule, {
      code: 'SCHEME_NOT_OFFERED',
      reason: `不予参保：灵活就业人员可自愿参加的险种不含${notOffered.map((s) => SCHEME_NAMES[s]).join('、')}`,
      computed: notOffered,
      required: offered,
      wouldChange: `只选择${offered.map((s) => SCHEME_NAMES[s]).join('、')}`,
    });
  }
  const schemes = offered.filter((s) => data.schemes.includes(s));
  if (enrolled(state, schemes, (e) => e.basis === 'flexible')) {
    return refuse(policy, rule, {
      code: 'ALREADY_ENROLLED',
      reason: '不予重复参保：已以灵活就业人员身份参保',
      computed: schemes,
    });
  }
  const event: EnrolledInSchemes = {
    type: 'EnrolledInSchemes',
    data: {
      workerId: data.workerId,
      basis: 'flexible',
      schemes,
      enrolledOn: today,
      decision: decisionRecord(policy, today, [rule], {
        basis: 'flexible',
        chosen: data.schemes,
        labourRelation: relation,
      }),
    },
  };
  return [event];
}

/** sanming-draft §16: a construction project covers its workers for work injury, per project. */
function enrolByProject(
  data: Data<'construction-project'>,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const { policy, today } = context;
  const rule = policy.find<SiInjuryByProjectParams>('si.injury.by-project', today);
  if (!rule) return notProvided(policy, 'si.injury.by-project', '不予按项目参加工伤保险');
  const project = context.project;
  if (!project || project.projectId !== data.projectId) {
    throw new RangeError(`attested.project must describe project ${data.projectId}`);
  }
  if (!project.construction) {
    return refuse(policy, rule, {
      code: 'NOT_CONSTRUCTION_PROJECT',
      reason: '不予按项目参加工伤保险：该项目不属于工程建设领域',
      computed: { construction: false },
      required: { construction: true },
      wouldChange: '项目属于工程建设领域',
    });
  }
  const schemes = rule.params.schemes;
  if (enrolled(state, schemes, (e) => e.basis === 'construction-project' && e.projectId === data.projectId)) {
    return refuse(policy, rule, {
      code: 'ALREADY_ENROLLED',
      reason: '不予重复参保：已按该项目参加工伤保险',
      computed: schemes,
    });
  }
  const event: EnrolledInSchemes = {
    type: 'EnrolledInSchemes',
    data: {
      workerId: data.workerId,
      basis: 'construction-project',
      schemes: [...schemes],
      employerId: project.employerId,
      projectId: project.projectId,
      enrolledOn: today,
      decision: decisionRecord(policy, today, [rule], { basis: 'construction-project', project }),
    },
  };
  return [event];
}

export function enrolWorker(
  command: EnrolWorker,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const data = command.data;
  switch (data.basis) {
    case 'stable-job':
      return enrolStableJob(data, state, context);
    case 'flexible':
      return enrolFlexible(data, state, context);
    case 'construction-project':
      return enrolByProject(data, state, context);
    default: {
      const unreachable: never = data;
      throw new RangeError(`unknown enrolment basis ${(unreachable as { basis: string }).basis}`);
    }
  }
}
