import { completionDate, compareDates, describeElapsed, describePeriod, elapsed, hasCompleted, isRefusal } from '@ledger/kernel';
import type { Decided, Decider, IsoDate } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse, type PolicyView } from '@ledger/policy';
import type { HealthBasicPublicParams, HealthRecordHomeBuyerParams } from '@ledger/policy/params/health';
import type { DecideWorkerPublicHealthCoverage, OpenHealthRecord, PublicHealthCommand, RecordPremaritalCheck } from './commands';
import type { PublicHealthEvent } from './events';
import { decidePremaritalCheckFee } from './premarital-check';

/** What 卫健委 holds on a worker's own health services (stream `public-health-<workerId>`). */
export interface PublicHealthState {
  checks: { service: string; checkedOn: IsoDate }[];
  coveredFrom?: IsoDate;
  recordOpenedOn?: IsoDate;
}

export interface PublicHealthContext {
  today: IsoDate;
  policy: PolicyView;
  /** The worker's continuous residence in the city, from the permit stream. */
  facts?: { residenceSince?: IsoDate; homePurchasedOn?: IsoDate };
}

/** A command the stream cannot take as it stands: the caller's 409, not policy. */
export class PublicHealthStateError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function notAfterToday(date: IsoDate, today: IsoDate, field: string): void {
  if (compareDates(date, today) > 0) throw new RangeError(`${field} ${date} is after today ${today}`);
}

/** panzhihua-2016-10 §(十四): 免费为农民工提供婚前医学检查和孕前检查服务. */
function recordPremaritalCheck(
  command: RecordPremaritalCheck,
  state: PublicHealthState,
  { today, policy }: PublicHealthContext,
): Decided<PublicHealthEvent> {
  const { workerId, service, checkedOn, chargedFen } = command.data;
  notAfterToday(checkedOn, today, 'checkedOn');
  if (state.checks.some((c) => c.service === service && c.checkedOn === checkedOn))
    throw new PublicHealthStateError('CHECK_RECORDED', `a ${service} check on ${checkedOn} is already recorded`);
  const decided = decidePremaritalCheckFee(policy, today, { workerId, service, checkedOn, chargedFen });
  if (isRefusal(decided)) return decided;
  return [
    {
      type: 'PremaritalCheckRecorded',
      data: { workerId, service, checkedOn, feeFen: decided.feeFen, decision: decided.decision },
      ...(checkedOn === today ? {} : { effectiveOn: checkedOn }),
    },
  ];
}

/**
 * panzhihua-2016-10 §(十四): 将在城镇居住半年以上的农民工及其子女纳入…12大类基本公共卫生服务范围 —
 * the worker too, not only the children, from the day half a year of residence is complete.
 */
function decideWorkerCoverage(
  command: DecideWorkerPublicHealthCoverage,
  state: PublicHealthState,
  { today, policy, facts = {} }: PublicHealthContext,
): Decided<PublicHealthEvent> {
  const { workerId, decidedOn } = command.data;
  notAfterToday(decidedOn, today, 'decidedOn');
  if (state.coveredFrom) throw new PublicHealthStateError('COVERED', `covered since ${state.coveredFrom}`);
  const rule = policy.find<HealthBasicPublicParams>('health.basic-public', decidedOn);
  if (!rule) return notProvided(policy, 'health.basic-public', '无法决定农民工基本公共卫生服务');
  const { minResidence, inclusive } = rule.params;
  const since = facts.residenceSince;
  const reason = '暂不纳入基本公共卫生服务';
  if (!since) {
    return refuse(policy, rule, {
      code: 'RESIDENCE_NOT_SHOWN',
      reason: `${reason}：无居住登记`,
      required: minResidence,
      wouldChange: 'needs a residence registration (居住登记) in the city',
    });
  }
  if (!hasCompleted(since, minResidence, decidedOn, inclusive)) {
    const span = elapsed(since, decidedOn);
    return refuse(policy, rule, {
      code: 'RESIDENCE_TOO_SHORT',
      reason: `${reason}：居住${describeElapsed(span)}，不满${describePeriod(minResidence)}`,
      computed: span,
      required: minResidence,
      eligibleFrom: completionDate(since, minResidence, inclusive),
    });
  }
  return [
    {
      type: 'WorkerPublicHealthCoverageDecided',
      data: {
        workerId,
        coveredFrom: completionDate(since, minResidence, inclusive),
        categories: rule.params.categories,
        decision: decisionRecord(policy, today, [rule], { decidedOn, residenceSince: since }),
      },
      ...(decidedOn === today ? {} : { effectiveOn: decidedOn }),
    },
  ];
}

/**
 * fengdu-2017-29 §三: 按照户籍人口健康档案的标准，建立统一、规范的购房进城农民工健康档案 — for a worker
 * who bought a home in the county, from the purchase day.
 */
function openHealthRecord(
  command: OpenHealthRecord,
  state: PublicHealthState,
  { today, policy, facts = {} }: PublicHealthContext,
): Decided<PublicHealthEvent> {
  const { workerId, openedOn } = command.data;
  notAfterToday(openedOn, today, 'openedOn');
  if (state.recordOpenedOn) throw new PublicHealthStateError('RECORD_OPEN', `opened on ${state.recordOpenedOn}`);
  const rule = policy.find<HealthRecordHomeBuyerParams>('health.record.home-buyer', openedOn);
  if (!rule) return notProvided(policy, 'health.record.home-buyer', '无法建立健康档案');
  const bought = facts.homePurchasedOn;
  if (!bought || compareDates(bought, openedOn) > 0) {
    return refuse(policy, rule, {
      code: 'NOT_HOME_BUYER',
      reason: '不建立购房进城农民工健康档案：未在本县购房',
      computed: { homePurchasedOn: bought ?? null },
      wouldChange: 'the record is for workers who bought a home in the county',
    });
  }
  return [
    {
      type: 'HealthRecordOpened',
      data: { workerId, openedOn, decision: decisionRecord(policy, today, [rule], { openedOn, homePurchasedOn: bought }) },
      ...(openedOn === today ? {} : { effectiveOn: openedOn }),
    },
  ];
}

export function evolvePublicHealth(state: PublicHealthState, event: PublicHealthEvent): PublicHealthState {
  switch (event.type) {
    case 'PremaritalCheckRecorded':
      return { ...state, checks: [...state.checks, { service: event.data.service, checkedOn: event.data.checkedOn }] };
    case 'WorkerPublicHealthCoverageDecided':
      return { ...state, coveredFrom: event.data.coveredFrom };
    case 'HealthRecordOpened':
      return { ...state, recordOpenedOn: event.data.openedOn };
    default:
      return state;
  }
}

/** The `public-health-<workerId>` stream's decider. Pure: today, the pack and facts come in `context`. */
export const publicHealthDecider: Decider<PublicHealthCommand, PublicHealthEvent, PublicHealthState, PublicHealthContext> = {
  initialState: { checks: [] },
  decide(command, state, context) {
    switch (command.type) {
      case 'RecordPremaritalCheck':
        return recordPremaritalCheck(command, state, context);
      case 'DecideWorkerPublicHealthCoverage':
        return decideWorkerCoverage(command, state, context);
      case 'OpenHealthRecord':
        return openHealthRecord(command, state, context);
      default: {
        const unexpected: never = command;
        throw new RangeError(`unknown public-health command ${JSON.stringify(unexpected)}`);
      }
    }
  },
  evolve: evolvePublicHealth,
};
