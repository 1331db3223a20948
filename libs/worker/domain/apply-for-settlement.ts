import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { LandRightsKeptParams, SettlementNoLandConditionParams } from '@ledger/policy/params/settlement';
import type { ApplyForSettlement, SettlementCondition } from './commands';
import type { WorkerContext } from './context';
import type { WorkerSettled } from './events';
import { WorkerRefusalCode, WorkerStateError } from './refusals';
import type { WorkerState } from './state';

const DECISION = '不予按所附条件办理落户';

const RIGHT_NAMES = {
  'land-contract': '土地承包经营权',
  homestead: '宅基地使用权',
  'collective-share': '集体经济收益分配权',
  forest: '林权',
} as const;

/**
 * 落户 (panzhihua-2016-10 §(十六)–§(十七)): settlement is open, may never be conditioned on
 * surrendering land, homestead or collective share, and ends no home-village right. A clerk's
 * unlawful condition is refused citing the clause; removing it changes the answer.
 */
export function applyForSettlement(
  command: ApplyForSettlement,
  state: WorkerState,
  { today, policy }: WorkerContext,
): Decided<WorkerSettled> {
  if (!state.registered || !state.hukouPlace)
    throw new WorkerStateError('NOT_REGISTERED', 'the worker is not registered');
  if (state.settled) throw new WorkerStateError('ALREADY_SETTLED', `settled on ${state.settled.settledOn}`);

  const open = policy.find('settlement.open', today);
  if (!open) return notProvided(policy, 'settlement.open', '不予办理落户');
  const noLand = policy.find<SettlementNoLandConditionParams>('settlement.no-land-condition', today);
  const kept = policy.find<LandRightsKeptParams>('land.rights-kept', today);
  const { conditions } = command.data;
  const surrenders = conditions.filter(
    (c): c is Extract<SettlementCondition, { kind: 'surrender-right' }> => c.kind === 'surrender-right',
  );

  if (noLand) {
    const unlawful = surrenders.filter((c) => noLand.params.protectedRights.includes(c.right));
    if (unlawful.length > 0) {
      return refuse(policy, noLand, {
        code: WorkerRefusalCode.landSurrenderCondition,
        reason: `${DECISION}：不得以放弃${unlawful.map((c) => RIGHT_NAMES[c.right]).join('、')}为落户条件`,
        computed: { conditions: unlawful },
        required: { protectedRights: noLand.params.protectedRights },
        wouldChange: '撤销放弃农村土地权益的落户条件',
      });
    }
  }
  if (kept) {
    const ended = surrenders.filter((c) => kept.params.keptRights.includes(c.right));
    if (ended.length > 0) {
      return refuse(policy, kept, {
        code: WorkerRefusalCode.landRightEnded,
        reason: `${DECISION}：落户不影响原籍地${ended.map((c) => RIGHT_NAMES[c.right]).join('、')}`,
        computed: { conditions: ended },
        required: { keptRights: kept.params.keptRights },
        wouldChange: '撤销放弃原籍地权益的落户条件',
      });
    }
  }
  const thresholds = conditions.filter((c) => c.kind === 'threshold');
  if (thresholds.length > 0) {
    return refuse(policy, open, {
      code: WorkerRefusalCode.settlementRestricted,
      reason: `${DECISION}：城镇落户限制已全面放开`,
      computed: { conditions: thresholds },
      wouldChange: '撤销落户门槛条件',
    });
  }
  if (surrenders.length > 0) {
    // A surrender neither rule names: nothing in the pack allows asking for it either.
    return refuse(policy, open, {
      code: WorkerRefusalCode.settlementRestricted,
      reason: `${DECISION}：城镇落户限制已全面放开，不得附加放弃权益的条件`,
      computed: { conditions: surrenders },
      wouldChange: '撤销放弃权益的落户条件',
    });
  }
  const landRightsKept = kept
    ? command.data.homeVillageRights.filter((r) => kept.params.keptRights.includes(r))
    : command.data.homeVillageRights;
  return [
    {
      type: 'WorkerSettled',
      data: {
        workerId: command.data.workerId,
        settledOn: today,
        settleAt: command.data.settleAt,
        previousHukouPlace: state.hukouPlace,
        conditions,
        landRightsKept,
        decision: decisionRecord(policy, today, [open, ...(noLand ? [noLand] : []), ...(kept ? [kept] : [])], {
          conditions,
          homeVillageRights: command.data.homeVillageRights,
        }),
      },
    },
  ];
}
