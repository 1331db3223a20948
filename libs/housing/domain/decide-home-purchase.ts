import type { Decided, Refusal } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse, type ResolvedRule } from '@ledger/policy';
import type { HousingPriceCappedParams, HousingPurchaseTaxReliefParams } from '@ledger/policy/params/housing';
import type { RecordHomePurchase } from './commands';
import type { HousingContext } from './context';
import { effectiveOn } from './decide-rental';
import { InvalidHousingCommand } from './errors';
import type { HousingEvent, TaxReliefEntitlement } from './events';
import type { HousingState } from './state';

/**
 * A purchase is a fact and is always recorded; what the pack adds is decided on the purchase
 * date (a backdated purchase gets the rules of its own day): the tax relief of
 * panzhihua-2016-10 §(十五), and for a 限价房 the conditions of sanming-draft §9.
 */
export function recordHomePurchase(
  command: RecordHomePurchase,
  state: HousingState,
  context: HousingContext,
): Decided<HousingEvent> {
  const { data } = command;
  const { policy, facts = {} } = context;
  if (state.homes.some((h) => h.purchaseId === data.purchaseId)) {
    throw new InvalidHousingCommand('PURCHASE_RECORDED', `purchase ${data.purchaseId} is already recorded`);
  }
  const on = data.purchasedOn;
  const rules: ResolvedRule<unknown>[] = [];
  const inputs: Record<string, unknown> = { purchasedOn: on, homeKind: data.homeKind };

  if (data.homeKind === 'price-capped') {
    const rule = policy.find<HousingPriceCappedParams>('housing.price-capped', on);
    if (!rule) return notProvided(policy, 'housing.price-capped', '不予配售限价房：未规定向农民工配售限价房');
    inputs.outsideTalentFamily = facts.outsideTalentFamily ?? false;
    inputs.workArea = facts.workArea;
    const refusal = priceCappedRefusal(context, rule);
    if (refusal) return refusal;
    rules.push(rule);
  }

  let taxRelief: TaxReliefEntitlement | null = null;
  const relief = policy.find<HousingPurchaseTaxReliefParams>('housing.purchase.tax-relief', on);
  // The clause relieves 商品住房 bought (or rented) on the market, not a 限价房.
  if (relief && data.homeKind === 'commercial') {
    taxRelief = { taxes: [...relief.params.taxes], rate: null };
    rules.push(relief);
  }
  return [
    {
      type: 'HomePurchased',
      data: { ...data, taxRelief, decision: decisionRecord(policy, context.today, rules, inputs) },
      ...effectiveOn(on, context.today),
    },
  ];
}

function priceCappedRefusal(
  context: HousingContext,
  rule: ResolvedRule<HousingPriceCappedParams>,
): Refusal | undefined {
  const facts = context.facts ?? {};
  if (facts.outsideTalentFamily !== true) {
    return refuse(context.policy, rule, {
      code: 'NOT_OUTSIDE_TALENT_FAMILY',
      reason: '不予配售限价房：非外来人才家庭',
      wouldChange: 'needs recognition of the family as 外来人才',
    });
  }
  if (facts.workArea !== rule.params.area) {
    return refuse(context.policy, rule, {
      code: 'NOT_WORKING_IN_AREA',
      reason: `不予配售限价房：未在${rule.params.area}就业`,
      computed: facts.workArea ?? null,
      required: rule.params.area,
      wouldChange: `needs work in ${rule.params.area}`,
    });
  }
  return undefined;
}
