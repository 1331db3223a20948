import { maxDate, type Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { SchoolPrioritySettledBuyerParams } from '@ledger/policy/params/schooling';
import type { GrantSettledBuyerPriority } from './commands';
import type { SchoolingContext } from './context';
import { InvalidSchoolingCommand } from './errors';
import type { SchoolingEvent } from './events';
import { effectiveOn, requireChild } from './guards';
import type { SchoolingState } from './state';

/**
 * 购房入户 (fengdu-2017-29 §四): the priority holds from the day the last of the pack's conditions
 * held (the purchase, and the hukou moved where the pack requires it), under the rule in force
 * that day. A priority already on the stream is not granted twice.
 */
export function grantSettledBuyerPriority(
  command: GrantSettledBuyerPriority,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  const child = requireChild(state);
  const { data } = command;
  if (!child.parentWorkerIds.includes(data.parentWorkerId)) {
    throw new InvalidSchoolingCommand('NOT_A_PARENT', `${data.parentWorkerId} is not a parent of ${child.childId}`);
  }
  if (state.settledBuyerPriority) return [];
  const on = data.hukouMovedOn ? maxDate(data.homePurchasedOn, data.hukouMovedOn) : data.homePurchasedOn;
  const { policy } = context;
  const rule = policy.find<SchoolPrioritySettledBuyerParams>('school.priority.settled-buyer', on);
  if (!rule) return notProvided(policy, 'school.priority.settled-buyer', '不予入学优先保障');
  const inputs = {
    parentWorkerId: data.parentWorkerId,
    purchaseId: data.purchaseId,
    homePurchasedOn: data.homePurchasedOn,
    hukouMovedOn: data.hukouMovedOn,
  };
  if (rule.params.requires.includes('hukou-moved') && !data.hukouMovedOn) {
    return refuse(policy, rule, {
      code: 'HUKOU_NOT_MOVED',
      reason: '不予入学优先保障：购房后尚未入户',
      computed: inputs,
      required: rule.params.requires,
      wouldChange: 'the buying parent moves the hukou to the county (入户)',
    });
  }
  return [
    {
      type: 'SettledBuyerPriorityGranted',
      data: { ...inputs, grantedFrom: on, decision: decisionRecord(policy, context.today, [rule], inputs) },
      ...effectiveOn(on, context.today),
    },
  ];
}
