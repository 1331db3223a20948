import { completionDate, describeElapsed, describePeriod, elapsed, hasCompleted, isRefusal } from '@ledger/kernel';
import type { Decided } from '@ledger/kernel';
import { decisionRecord, refuse } from '@ledger/policy';
import type { PermitApplyConditionsParams } from '@ledger/policy/params/permit';
import type { ApplyForPermit } from './commands';
import type { PermitContext } from './context';
import type { PermitApplied } from './events';
import { PermitRefusalCode, ruleOn } from './refusals';
import type { PermitState } from './state';

const DECISION = '不予受理居住证申领';

/**
 * 居住半年以上 and one of 合法稳定就业、合法稳定住所、连续就读 (national-663 第二条).
 * Residence counts from the 居住登记's arrival, so a backdated correction of it re-decides.
 */
export function applyForPermit(
  command: ApplyForPermit,
  state: PermitState,
  { today, policy }: PermitContext,
): Decided<PermitApplied> {
  const rule = ruleOn<PermitApplyConditionsParams>(policy, 'permit.apply.conditions', today, DECISION);
  if (isRefusal(rule)) return rule;
  const { minResidence, inclusive, grounds } = rule.params;

  if (state.status === 'applied' || state.status === 'active' || state.status === 'suspended') {
    return refuse(policy, rule, {
      code: PermitRefusalCode.alreadyApplied,
      reason: `${DECISION}：已申领居住证（${state.status}）`,
      computed: { status: state.status },
      wouldChange: state.status === 'suspended' ? '补办签注以恢复居住证使用功能' : undefined,
    });
  }
  const since = state.continuousResidenceSince;
  if (!since) {
    return refuse(policy, rule, {
      code: PermitRefusalCode.notRegistered,
      reason: `${DECISION}：未办理居住登记`,
      required: { minResidence },
      wouldChange: '先在居住地申报居住登记',
    });
  }
  if (!grounds.includes(command.data.ground)) {
    return refuse(policy, rule, {
      code: PermitRefusalCode.noQualifyingGround,
      reason: `${DECISION}：不具备合法稳定就业、合法稳定住所、连续就读条件之一`,
      computed: { ground: command.data.ground },
      required: { grounds },
      wouldChange: '提供合法稳定就业、合法稳定住所或连续就读的证明',
    });
  }
  if (!hasCompleted(since, minResidence, today, inclusive)) {
    const span = elapsed(since, today);
    return refuse(policy, rule, {
      code: PermitRefusalCode.residenceTooShort,
      reason: `${DECISION}：居住${describeElapsed(span)}，不满${describePeriod(minResidence)}`,
      computed: { residenceSince: since, elapsed: span },
      required: { minResidence, inclusive },
      eligibleFrom: completionDate(since, minResidence, inclusive),
    });
  }
  return [
    {
      type: 'PermitApplied',
      data: {
        workerId: command.data.workerId,
        appliedOn: today,
        ground: command.data.ground,
        ...(command.data.evidenceRef ? { evidenceRef: command.data.evidenceRef } : {}),
        residenceSince: since,
        decision: decisionRecord(policy, today, [rule], {
          residenceSince: since,
          elapsed: elapsed(since, today),
          ground: command.data.ground,
        }),
      },
    },
  ];
}
