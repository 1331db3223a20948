import { compareDates, isRefusal } from '@ledger/kernel';
import type { AppliedRule, IsoDate, Refusal } from '@ledger/kernel';
import { applied, notProvided, PolicyView, refuse, ResolvedRule } from '@ledger/policy';
import { PermitRefusalCode, ruleOn } from './refusals';
import { overdueFrom } from './schedule';
import type { PermitState } from './state';

/**
 * What holding the permit gives in this jurisdiction:
 * `hukou-equal` (panzhihua-2016-10 §(十二)) or `tiered` (shaoxing-2016-11 §(四)).
 */
export interface PermitServiceBasis {
  basis: 'hukou-equal' | 'tiered';
  rule: AppliedRule;
  holderSince: IsoDate;
}

const BASIS_RULES = [
  { ruleId: 'permit.equal-services', basis: 'hukou-equal' },
  { ruleId: 'permit.tier-basis', basis: 'tiered' },
] as const;

/** The pack's rule that keys services on the permit, if it has one. */
export function serviceBasisRule(view: PolicyView, on: IsoDate): ResolvedRule | undefined {
  for (const { ruleId } of BASIS_RULES) {
    const rule = view.find(ruleId, on);
    if (rule) return rule;
  }
  return undefined;
}

/**
 * Whether the permit entitles its holder to the services the pack keys on it, on `on`.
 * A 签注 overdue on `on` already suspends use (permit.lapse) even before the lapse is recorded.
 * Read by the housing, schooling and points contexts through their own context facts.
 */
export function decidePermitServices(state: PermitState, view: PolicyView, on: IsoDate): PermitServiceBasis | Refusal {
  const decision = '不享受持证公共服务';
  const found = BASIS_RULES.map((b) => ({ ...b, rule: view.find(b.ruleId, on) })).find((b) => b.rule);
  if (!found?.rule) return notProvided(view, 'permit.equal-services', decision);
  const rule = found.rule;
  if (
    state.status === 'suspended' ||
    (state.status === 'active' &&
      state.nextEndorsement &&
      compareDates(on, overdueFrom(view, state.nextEndorsement.dueOn)) >= 0)
  ) {
    const lapse = ruleOn(view, 'permit.lapse', on, decision);
    if (isRefusal(lapse)) return lapse;
    return refuse(view, lapse, {
      code: PermitRefusalCode.permitSuspended,
      reason: `${decision}：居住证逾期未签注，使用功能中止`,
      computed: { status: 'suspended', dueOn: state.nextEndorsement?.dueOn },
      wouldChange: '补办签注后恢复（居住年限自补办之日起计算）',
    });
  }
  if (state.status !== 'active' || !state.issuedOn) {
    return refuse(view, rule, {
      code: PermitRefusalCode.noActivePermit,
      reason: `${decision}：未持有有效居住证`,
      computed: { status: state.status },
      wouldChange: '申领居住证',
    });
  }
  return { basis: found.basis, rule: applied(rule), holderSince: state.issuedOn };
}
