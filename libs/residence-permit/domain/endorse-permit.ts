import { addDays, compareDates, isRefusal } from '@ledger/kernel';
import type { Decided, IsoDate, Refusal } from '@ledger/kernel';
import { decisionRecord, PolicyView, refuse, ResolvedRule } from '@ledger/policy';
import type { PermitEndorseYearlyParams } from '@ledger/policy/params/permit';
import type { EndorsePermit, RecordEndorsementLapse } from './commands';
import type { PermitContext } from './context';
import type { EndorsementSchedule, PermitEndorsed, PermitRestored, PermitSuspended } from './events';
import { PermitRefusalCode, ruleOn } from './refusals';
import { endorsementSchedule, overdueFrom, restoreRuleFor } from './schedule';
import type { PermitState } from './state';

function noPermit(view: PolicyView, rule: ResolvedRule<unknown>, state: PermitState, decision: string): Refusal {
  return state.status === 'revoked'
    ? refuse(view, rule, {
        code: PermitRefusalCode.permitRevoked,
        reason: `${decision}：居住证已注销`,
        computed: { status: state.status, revokedOn: state.revokedOn },
        wouldChange: '重新办理居住登记并申领居住证',
      })
    : refuse(view, rule, {
        code: PermitRefusalCode.noActivePermit,
        reason: `${decision}：尚未领取居住证`,
        computed: { status: state.status },
        wouldChange: '领取居住证后每年签注',
      });
}

function suspension(
  view: PolicyView,
  workerId: string,
  next: EndorsementSchedule,
  today: IsoDate,
  lapse: ResolvedRule<unknown>,
): PermitSuspended {
  const from = overdueFrom(view, next.dueOn);
  const restore = restoreRuleFor(view, next.dueOn);
  return {
    type: 'PermitSuspended',
    effectiveOn: from,
    data: {
      workerId,
      suspendedOn: from,
      missedDueOn: next.dueOn,
      decision: decisionRecord(view, today, [lapse, ...(restore ? [restore] : [])], {
        dueOn: next.dueOn,
        year: next.year,
        graceDays: restore?.params.graceDays ?? 0,
        overdueFrom: from,
      }),
    },
  };
}

/**
 * 签注 (national-663 第十条): on time from the window's first day until the permit is overdue
 * (the anniversary, plus a city's grace); after that a 签注 is late, restores the permit and
 * restarts continuous residence from its own date (permit.restore).
 */
export function endorsePermit(
  command: EndorsePermit,
  state: PermitState,
  { today, policy }: PermitContext,
): Decided<PermitEndorsed | PermitSuspended | PermitRestored> {
  const decision = '不予签注';
  const yearly = ruleOn<PermitEndorseYearlyParams>(policy, 'permit.endorse.yearly', today, decision);
  if (isRefusal(yearly)) return yearly;
  const next = state.nextEndorsement;
  if ((state.status !== 'active' && state.status !== 'suspended') || !next)
    return noPermit(policy, yearly, state, decision);

  const overdue = overdueFrom(policy, next.dueOn);
  if (state.status === 'active' && compareDates(today, overdue) < 0) {
    if (compareDates(today, next.windowOpensOn) < 0) {
      return refuse(policy, yearly, {
        code: PermitRefusalCode.endorsementNotYetOpen,
        reason: `${decision}：第${next.year}年签注期自${next.windowOpensOn}起`,
        computed: { today },
        required: { windowOpensOn: next.windowOpensOn, dueOn: next.dueOn },
        eligibleFrom: next.windowOpensOn,
      });
    }
    const restore = restoreRuleFor(policy, next.dueOn);
    const inGrace = compareDates(today, next.dueOn) >= 0;
    return [
      {
        type: 'PermitEndorsed',
        data: {
          workerId: command.data.workerId,
          endorsedOn: today,
          endorsedYear: next.year,
          nextEndorsement: endorsementSchedule(policy, yearly, next.anchor, next.year + 1),
          decision: decisionRecord(policy, today, [yearly, ...(inGrace && restore ? [restore] : [])], {
            year: next.year,
            windowOpensOn: next.windowOpensOn,
            dueOn: next.dueOn,
            overdueFrom: overdue,
          }),
        },
      },
    ];
  }

  const restore = ruleOn(policy, 'permit.restore', today, decision);
  if (isRefusal(restore)) return restore;
  const events: (PermitSuspended | PermitRestored)[] = [];
  let suspendedOn = state.suspendedOn;
  if (state.status === 'active') {
    // The lapse happened whether or not anyone recorded it: record it first, as of its day.
    const lapse = ruleOn(policy, 'permit.lapse', today, decision);
    if (isRefusal(lapse)) return lapse;
    const suspended = suspension(policy, command.data.workerId, next, today, lapse);
    events.push(suspended);
    suspendedOn = suspended.data.suspendedOn;
  }
  events.push({
    type: 'PermitRestored',
    data: {
      workerId: command.data.workerId,
      endorsedOn: today,
      suspendedOn: suspendedOn ?? overdue,
      continuousResidenceSince: today,
      nextEndorsement: endorsementSchedule(policy, yearly, today, 1),
      decision: decisionRecord(policy, today, [restore, yearly], {
        missedDueOn: next.dueOn,
        suspendedOn: suspendedOn ?? overdue,
        previousResidenceSince: state.continuousResidenceSince,
      }),
    },
  });
  return events;
}

/** 逾期未办理签注手续的，居住证使用功能中止 (national-663 第十条): recorded once it is overdue. */
export function recordEndorsementLapse(
  command: RecordEndorsementLapse,
  state: PermitState,
  { today, policy }: PermitContext,
): Decided<PermitSuspended> {
  const decision = '不予记录签注逾期';
  const lapse = ruleOn(policy, 'permit.lapse', today, decision);
  if (isRefusal(lapse)) return lapse;
  if (state.status === 'suspended') {
    return refuse(policy, lapse, {
      code: PermitRefusalCode.alreadySuspended,
      reason: `${decision}：居住证自${state.suspendedOn}起已中止使用`,
      computed: { status: state.status, suspendedOn: state.suspendedOn },
    });
  }
  const next = state.nextEndorsement;
  if (state.status !== 'active' || !next) return noPermit(policy, lapse, state, decision);
  const overdue = overdueFrom(policy, next.dueOn);
  if (compareDates(today, overdue) < 0) {
    return refuse(policy, lapse, {
      code: PermitRefusalCode.endorsementNotOverdue,
      reason: `${decision}：第${next.year}年签注可办理至${addDays(overdue, -1)}`,
      computed: { today },
      required: { dueOn: next.dueOn, overdueFrom: overdue },
      eligibleFrom: overdue,
    });
  }
  return [suspension(policy, command.data.workerId, next, today, lapse)];
}
