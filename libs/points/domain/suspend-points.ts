import type { Decided, IsoDate } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { PointsFactorsParams } from '@ledger/policy/params/points';
import type { RecountContributions, ResumePoints, SuspendPoints } from './commands';
import type { PointsContext } from './context';
import type { PointsContributionsRecounted, PointsLine, PointsResumed, PointsSuspended } from './events';
import { PointsStateError } from './refusals';
import { perYear } from './score';
import type { PointsState } from './state';

/** effectiveOn only where the fact took effect on another day than it is recorded. */
const effectiveOn = (date: IsoDate, today: IsoDate): { effectiveOn?: IsoDate } =>
  date === today ? {} : { effectiveOn: date };

/**
 * 逾期未办理签注手续的，居住证使用功能中止 (national-663 第十条): points are a service keyed on the
 * permit, so they are not used while it is suspended. Nothing assessed (or vetoed, or already
 * suspended) is nothing to suspend.
 */
export function suspendPoints(
  command: SuspendPoints,
  state: PointsState,
  { today, policy }: PointsContext,
): Decided<PointsSuspended> {
  const on = command.data.suspendedOn;
  const lapse = policy.find('permit.lapse', on);
  if (!lapse) return notProvided(policy, 'permit.lapse', '不予中止积分');
  if (state.status !== 'assessed' || state.suspendedOn !== undefined) return [];
  return [
    {
      type: 'PointsSuspended',
      data: {
        workerId: command.data.workerId,
        suspendedOn: on,
        decision: decisionRecord(policy, today, [lapse], { suspendedOn: on, total: state.total }),
      },
      ...effectiveOn(on, today),
    },
  ];
}

/** 补办签注 restores the permit's use (permit.restore), and with it the points. */
export function resumePoints(
  command: ResumePoints,
  state: PointsState,
  { today, policy }: PointsContext,
): Decided<PointsResumed> {
  const on = command.data.resumedOn;
  const restore = policy.find('permit.restore', on);
  if (!restore) return notProvided(policy, 'permit.restore', '不予恢复积分');
  if (state.suspendedOn === undefined) return [];
  return [
    {
      type: 'PointsResumed',
      data: {
        workerId: command.data.workerId,
        resumedOn: on,
        suspendedOn: state.suspendedOn,
        decision: decisionRecord(policy, today, [restore], { suspendedOn: state.suspendedOn, resumedOn: on }),
      },
      ...effectiveOn(on, today),
    },
  ];
}

/**
 * The contributions line scored again under the round's factors (those in force on its reference
 * date, like the assessment) on the months the insurance stream holds now. Only a changed line
 * is an event; a month paid in two places counts once (docs/policy-rules.md §3), as the facts count it.
 */
export function recountContributions(
  command: RecountContributions,
  state: PointsState,
  { today, policy, facts }: PointsContext,
): Decided<PointsContributionsRecounted> {
  if (!facts)
    throw new PointsStateError('FACTS_MISSING', 'RecountContributions needs the cross-stream facts in its context');
  if (state.status !== 'assessed' || !state.round) return [];
  const factors = policy.find<PointsFactorsParams>('points.factors', state.round.referenceDate);
  if (!factors) return notProvided(policy, 'points.factors', '不予重算缴费年限积分');
  const before = state.breakdown.find((l) => l.factor === 'contributions');
  if (!before) {
    return refuse(policy, factors, {
      code: 'NO_CONTRIBUTIONS_LINE',
      reason: '不予重算缴费年限积分：评定无缴费年限项',
      computed: { breakdown: state.breakdown.map((l) => l.factor) },
    });
  }
  const years = Math.floor(Math.max(0, facts.contributionMonths) / 12);
  const scored = perYear(years, factors.params.contributions);
  const line: PointsLine = { factor: 'contributions', basis: years, points: scored.points, capped: scored.capped };
  if (line.basis === before.basis && line.points === before.points) return [];
  const delta = line.points - before.points;
  const grossAfter = state.gross + delta;
  const totalAfter = Math.max(factors.params.floor, grossAfter);
  return [
    {
      type: 'PointsContributionsRecounted',
      data: {
        workerId: command.data.workerId,
        roundId: state.round.roundId,
        transferId: command.data.transferId,
        recountedOn: today,
        contributionMonths: facts.contributionMonths,
        line,
        delta,
        grossAfter,
        totalAfter,
        decision: decisionRecord(policy, today, [factors], {
          transferId: command.data.transferId,
          contributionMonths: facts.contributionMonths,
          referenceDate: state.round.referenceDate,
          lineBefore: before,
          grossBefore: state.gross,
          totalBefore: state.total,
        }),
      },
    },
  ];
}
