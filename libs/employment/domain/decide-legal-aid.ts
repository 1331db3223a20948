import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { LegalAidParams } from '@ledger/policy/params/employment';
import type { ApplyForLegalAid } from './commands';
import type { EmploymentContext } from './context';
import type { EmploymentEvent } from './events';
import { LEGAL_AID_CLAIMS } from './kinds';
import type { EmploymentState } from './state';

/** sanming-draft §18: legal aid to recover wages or work-injury damages skips the means test. */
export function applyForLegalAid(
  command: ApplyForLegalAid,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, caseId, claim } = command.data;
  if (!LEGAL_AID_CLAIMS.includes(claim)) throw new RangeError(`unknown claim ${String(claim)}`);
  if (state.legalAidCases.includes(caseId)) throw new RangeError(`case ${caseId} is already recorded`);
  const rule = policy.find<LegalAidParams>('legal-aid.wage-claim', today);
  if (!rule) return notProvided(policy, 'legal-aid.wage-claim', '不予免于经济困难审查');
  if (!rule.params.claims.includes(claim)) {
    return refuse(policy, rule, {
      code: 'MEANS_TEST_APPLIES',
      reason: '不予免于经济困难审查：申请事项不是支付劳动报酬或工伤事故人身损害赔偿',
      computed: claim,
      required: rule.params.claims,
      wouldChange: '经经济困难审查后申请法律援助',
    });
  }
  return [
    {
      type: 'LegalAidMeansTestWaived',
      data: { workerId, caseId, claim, decision: decisionRecord(policy, today, [rule], { claim }) },
    },
  ];
}
