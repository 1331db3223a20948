import { compareDates, completionDate, describeElapsed, elapsed, type Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { UnemploymentRegistrationParams } from '@ledger/policy/params/employment';
import type { RegisterEmployment, RegisterUnemployment } from './commands';
import type { EmploymentContext } from './context';
import type { EmploymentEvent } from './events';
import type { EmploymentState } from './state';
import { periodWords } from './wording';

const REGISTRATION = 'unemployment.registration.min-residence';

/**
 * 失业登记 after half a year's residence: panzhihua-2016-10 §(一) (any urban resident),
 * sanming-draft §2 (jobless 农民工 only). Other packs state no such rule.
 */
export function registerUnemployment(
  command: RegisterUnemployment,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const rule = policy.find<UnemploymentRegistrationParams>(REGISTRATION, today);
  if (!rule) return notProvided(policy, REGISTRATION, '不予失业登记');
  const { minResidence, inclusive, population } = rule.params;
  if (state.unemployment?.open) {
    return refuse(policy, rule, {
      code: 'ALREADY_REGISTERED',
      reason: `不予重复失业登记：已于${state.unemployment.registeredOn}登记失业`,
      computed: state.unemployment,
    });
  }
  if (context.employed === true) {
    return refuse(policy, rule, {
      code: 'CURRENTLY_EMPLOYED',
      reason: '不予失业登记：申请人处于就业状态',
      computed: { employed: true },
      required: { employed: false },
      wouldChange: '失去工作后再申请',
    });
  }
  if (population === 'migrant-worker' && context.migrantWorker !== true) {
    return refuse(policy, rule, {
      code: 'NOT_A_MIGRANT_WORKER',
      reason: '不予失业登记：本规则仅将失业农民工纳入失业登记范围',
      computed: { migrantWorker: context.migrantWorker ?? false },
      required: { migrantWorker: true },
    });
  }
  const since = context.continuousResidenceSince;
  if (!since) {
    return refuse(policy, rule, {
      code: 'NO_RESIDENCE_RECORD',
      reason: '不予失业登记：无居住登记记录，无法计算居住时间',
      required: minResidence,
      wouldChange: '办理居住登记或居住证',
    });
  }
  const eligibleFrom = completionDate(since, minResidence, inclusive);
  if (compareDates(today, eligibleFrom) < 0) {
    const span = elapsed(since, today);
    return refuse(policy, rule, {
      code: 'RESIDENCE_TOO_SHORT',
      reason: `不予失业登记：居住${describeElapsed(span)}，不满${periodWords(minResidence)}`,
      computed: { continuousResidenceSince: since, elapsed: span },
      required: minResidence,
      eligibleFrom,
    });
  }
  return [
    {
      type: 'UnemploymentRegistered',
      data: {
        workerId: command.data.workerId,
        registeredOn: today,
        continuousResidenceSince: since,
        decision: decisionRecord(policy, today, [rule], {
          continuousResidenceSince: since,
          elapsed: elapsed(since, today),
          employed: context.employed ?? false,
          ...(population === 'migrant-worker' ? { migrantWorker: context.migrantWorker ?? false } : {}),
        }),
      },
    },
  ];
}

/** 就业登记 for every migrant worker, no residence minimum: panzhihua-2016-10 §(一). */
export function registerEmployment(
  command: RegisterEmployment,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, employerId, startedOn } = command.data;
  if (compareDates(startedOn, today) > 0)
    throw new RangeError(`a job starting ${startedOn} cannot be registered on ${today}`);
  const rule = policy.find('employment.registration', today);
  if (!rule) return notProvided(policy, 'employment.registration', '不予就业登记');
  if (state.employment?.employerId === employerId && state.employment.startedOn === startedOn) {
    return refuse(policy, rule, {
      code: 'ALREADY_REGISTERED',
      reason: '不予重复就业登记：该就业已登记',
      computed: state.employment,
    });
  }
  return [
    {
      type: 'EmploymentRegistered',
      data: {
        workerId,
        employerId,
        startedOn,
        registeredOn: today,
        decision: decisionRecord(policy, today, [rule], {
          employerId,
          startedOn,
          continuousResidenceSince: context.continuousResidenceSince ?? null,
        }),
      },
    },
  ];
}
