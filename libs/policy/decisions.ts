import type { DecisionRecord, IsoDate, Refusal } from '@ledger/kernel';
import { applied, PolicyView, ResolvedRule } from './pack';

/** The record a decision event carries: pack, version, rules applied and inputs seen. */
export function decisionRecord(
  view: PolicyView,
  decidedOn: IsoDate,
  rules: ResolvedRule<unknown>[],
  inputs: Record<string, unknown>,
): DecisionRecord {
  return {
    packId: view.packId,
    packVersion: view.packVersion,
    jurisdiction: view.jurisdiction,
    decidedOn,
    rules: rules.map(applied),
    inputs,
    provisional: rules.some((r) => r.status !== 'in-force'),
  };
}

/** A refusal under a rule, with its clause in the Chinese detail (docs/policy-rules.md §5). */
export function refuse(
  view: PolicyView,
  rule: ResolvedRule<unknown>,
  refusal: {
    code: string;
    /** The decision and reason: 不予失业登记：居住5个月28天，不满半年 */
    reason: string;
    computed?: unknown;
    required?: unknown;
    eligibleFrom?: IsoDate;
    wouldChange?: string;
  },
): Refusal {
  const flag = rule.status === 'draft' ? '，征求意见稿' : rule.status === 'illustrative' ? '，示例参数' : '';
  return {
    kind: 'refusal',
    code: refusal.code,
    ruleId: rule.id,
    source: rule.source,
    quote: rule.quote,
    status: rule.status,
    packId: view.packId,
    packVersion: view.packVersion,
    detail: `${refusal.reason}（\`${rule.id}\`，${rule.source}${flag}）`,
    computed: refusal.computed,
    required: refusal.required,
    eligibleFrom: refusal.eligibleFrom,
    wouldChange: refusal.wouldChange,
  };
}

/**
 * A refusal where the jurisdiction's pack has no rule that grants the service: the seeds of
 * this city are silent, so the ledger cannot decide it (docs/policy-rules.md §4, "others: none").
 */
export function notProvided(view: PolicyView, ruleId: string, reason: string): Refusal {
  const defined = view.pack.rules.get(ruleId);
  // The pack has the rule but no version of it covers the date: with no version ending (none
  // does in the shipped packs), the date is before the first one, so time alone changes the answer.
  if (defined && defined.versions.length > 0 && defined.versions.every((v) => !v.effectiveTo)) {
    const first = defined.versions.map((v) => v.effectiveFrom).sort()[0]!;
    return {
      kind: 'refusal',
      code: 'RULE_NOT_YET_IN_FORCE',
      ruleId,
      source: defined.source,
      quote: defined.quote,
      status: defined.status,
      packId: view.packId,
      packVersion: view.packVersion,
      detail: `${reason}：该规定自${first}起施行（\`${ruleId}\`，${defined.source}）`,
      required: { inForceFrom: first },
      eligibleFrom: first,
    };
  }
  return {
    kind: 'refusal',
    code: 'NOT_PROVIDED_BY_PACK',
    ruleId,
    source: `${view.packId} pack v${view.packVersion}`,
    quote: '',
    status: 'in-force',
    packId: view.packId,
    packVersion: view.packVersion,
    detail: `${reason}：本辖区政策包（${view.packId}）无此规则（\`${ruleId}\`）`,
  };
}
