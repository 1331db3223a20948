import type { DecisionRecord, IsoDate, Refusal } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse, type PolicyView } from '@ledger/policy';
import type { HealthPremaritalFreeParams, PremaritalService } from '@ledger/policy/params/health';

/**
 * panzhihua-2016-10 §(十四): premarital and pre-pregnancy checks are free for migrant workers.
 * A worker's service with no stream of its own yet: the handler records the decision where
 * 卫健委 keeps it. Pure: `today` comes in.
 */
export function decidePremaritalCheckFee(
  view: PolicyView,
  today: IsoDate,
  check: { workerId: string; service: PremaritalService; checkedOn: IsoDate; chargedFen: number },
): { feeFen: number; decision: DecisionRecord } | Refusal {
  const rule = view.find<HealthPremaritalFreeParams>('health.premarital.free', check.checkedOn);
  if (!rule || !rule.params.services.includes(check.service)) {
    return notProvided(view, 'health.premarital.free', '无法决定婚前、孕前检查费用');
  }
  if (check.chargedFen > rule.params.feeFen) {
    return refuse(view, rule, {
      code: 'FEE_CHARGED',
      reason: `不得收费：${check.service === 'premarital' ? '婚前医学检查' : '孕前检查'}收取${check.chargedFen}分`,
      computed: check.chargedFen,
      required: rule.params.feeFen,
      wouldChange: 'a free check',
    });
  }
  return { feeFen: rule.params.feeFen, decision: decisionRecord(view, today, [rule], { ...check }) };
}
