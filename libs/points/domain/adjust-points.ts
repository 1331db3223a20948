import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { PointsFactorsParams } from '@ledger/policy/params/points';
import type { AdjustPoints, VetoPoints } from './commands';
import type { PointsContext } from './context';
import type { PointsAdjusted, PointsVetoed } from './events';
import { PointsRefusalCode } from './refusals';
import type { PointsState } from './state';

/**
 * A violation found or annulled after the assessment moves the gross by the round's
 * perViolation; the total follows the gross but never drops below the floor, so an annulment
 * after a floored deduction gives back only what the deduction really took.
 */
export function adjustPoints(
  command: AdjustPoints,
  state: PointsState,
  { today, policy }: PointsContext,
): Decided<PointsAdjusted> {
  const decision = '不予调整积分';
  const on = state.round?.referenceDate ?? today;
  const factors = policy.find<PointsFactorsParams>('points.factors', on);
  if (!factors) return notProvided(policy, 'points.factors', decision);
  if (state.status !== 'assessed' || !state.round) {
    return refuse(policy, factors, {
      code: state.status === 'vetoed' ? PointsRefusalCode.vetoed : PointsRefusalCode.notAssessed,
      reason: `${decision}：${state.status === 'vetoed' ? '已一票否决' : '尚未评定积分'}`,
      computed: { status: state.status },
      wouldChange: state.status === 'vetoed' ? undefined : '先进行积分评定',
    });
  }
  const { kind, violationId } = command.data;
  const deducted = state.deductedViolations.includes(violationId);
  if (kind === 'violation-deduction' && deducted) return [];
  if (kind === 'violation-annulled' && !deducted) {
    return refuse(policy, factors, {
      code: PointsRefusalCode.notDeducted,
      reason: `${decision}：违法记录${violationId}未曾扣分`,
      computed: { violationId, deducted: state.deductedViolations },
    });
  }
  const delta = (kind === 'violation-deduction' ? -1 : 1) * factors.params.perViolation;
  const grossAfter = state.gross + delta;
  const totalAfter = Math.max(factors.params.floor, grossAfter);
  return [
    {
      type: 'PointsAdjusted',
      data: {
        workerId: command.data.workerId,
        roundId: state.round.roundId,
        kind,
        violationId,
        adjustedOn: today,
        delta,
        grossAfter,
        totalAfter,
        decision: decisionRecord(policy, today, [factors], {
          kind,
          violationId,
          grossBefore: state.gross,
          totalBefore: state.total,
        }),
      },
    },
  ];
}

/** 一票否决 on a ground the pack's factors name; any other ground is refused. */
export function vetoPoints(
  command: VetoPoints,
  state: PointsState,
  { today, policy }: PointsContext,
): Decided<PointsVetoed> {
  const decision = '不予一票否决';
  const factors = policy.find<PointsFactorsParams>('points.factors', today);
  if (!factors) return notProvided(policy, 'points.factors', decision);
  if (state.status === 'vetoed') return [];
  if (!factors.params.vetoGrounds.includes(command.data.ground)) {
    return refuse(policy, factors, {
      code: PointsRefusalCode.notAVetoGround,
      reason: `${decision}：${command.data.ground}不属一票否决情形`,
      computed: { ground: command.data.ground },
      required: { vetoGrounds: factors.params.vetoGrounds },
      wouldChange: '按违法记录扣分（violation-deduction）',
    });
  }
  return [
    {
      type: 'PointsVetoed',
      data: {
        workerId: command.data.workerId,
        ground: command.data.ground,
        ref: command.data.ref,
        vetoedOn: today,
        decision: decisionRecord(policy, today, [factors], {
          ground: command.data.ground,
          ref: command.data.ref,
          totalBefore: state.total,
        }),
      },
    },
  ];
}
