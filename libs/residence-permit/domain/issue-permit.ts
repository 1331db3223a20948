import { isRefusal } from '@ledger/kernel';
import type { Decided } from '@ledger/kernel';
import { decisionRecord, refuse, ResolvedRule } from '@ledger/policy';
import type { PermitApplyConditionsParams, PermitEndorseYearlyParams } from '@ledger/policy/params/permit';
import type { IssuePermit } from './commands';
import type { PermitContext } from './context';
import type { PermitIssued } from './events';
import { PermitRefusalCode, PermitStateError, ruleOn } from './refusals';
import { endorsementSchedule } from './schedule';
import { serviceBasisRule } from './services';
import type { PermitState } from './state';

const DECISION = '不予发放居住证';

/** Issues the permit applied for; the first 签注 falls due a year from today (national-663 第十条). */
export function issuePermit(
  command: IssuePermit,
  state: PermitState,
  { today, policy }: PermitContext,
): Decided<PermitIssued> {
  const conditions = ruleOn<PermitApplyConditionsParams>(policy, 'permit.apply.conditions', today, DECISION);
  if (isRefusal(conditions)) return conditions;
  if (state.status !== 'applied' || !state.continuousResidenceSince) {
    return refuse(policy, conditions, {
      code: PermitRefusalCode.noApplication,
      reason: `${DECISION}：没有待审的申领（${state.status}）`,
      computed: { status: state.status },
      wouldChange: '先提交居住证申领',
    });
  }
  if (!/^\S+$/.test(command.data.permitNumber)) {
    throw new PermitStateError('BAD_PERMIT_NUMBER', 'a permit number has no spaces and is not empty');
  }
  const yearly = ruleOn<PermitEndorseYearlyParams>(policy, 'permit.endorse.yearly', today, DECISION);
  if (isRefusal(yearly)) return yearly;
  const basis = serviceBasisRule(policy, today);
  const rules: ResolvedRule<unknown>[] = [conditions, yearly, ...(basis ? [basis] : [])];
  const nextEndorsement = endorsementSchedule(policy, yearly, today, 1);
  return [
    {
      type: 'PermitIssued',
      data: {
        workerId: command.data.workerId,
        permitNumber: command.data.permitNumber,
        issuingOfficeCode: command.data.issuingOfficeCode,
        issuedOn: today,
        continuousResidenceSince: state.continuousResidenceSince,
        nextEndorsement,
        decision: decisionRecord(policy, today, rules, {
          appliedOn: state.appliedOn,
          ground: state.ground,
          continuousResidenceSince: state.continuousResidenceSince,
        }),
      },
    },
  ];
}
