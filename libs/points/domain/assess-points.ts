import { compareDates } from '@ledger/kernel';
import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse, ResolvedRule } from '@ledger/policy';
import type { PointsFactorsParams } from '@ledger/policy/params/points';
import type { AssessPoints, PointsPurpose } from './commands';
import type { PointsContext } from './context';
import type { PointsAssessed } from './events';
import { PointsRefusalCode, PointsStateError } from './refusals';
import { scorePoints } from './score';
import type { PointsState } from './state';

const DECISION = '不予积分评定';

/** The rule that puts points to this use: shaoxing-2016-11 §(四) or sanming-draft §8. */
export const PURPOSE_RULES: Record<PointsPurpose, string> = {
  'public-services': 'points.services-by-points',
  'school-admission': 'points.school-admission',
};

/**
 * Scores the worker for a round, as of the round's reference date: the factors in force on that
 * date apply even when the pack changes before the clerk runs the assessment, so everyone in a
 * round is scored alike. Re-assessing in the same round replaces the score (corrected facts).
 */
export function assessPoints(
  command: AssessPoints,
  state: PointsState,
  { today, policy, facts }: PointsContext,
): Decided<PointsAssessed> {
  const { round, purpose } = command.data;
  const on = round.referenceDate;
  if (compareDates(on, today) > 0)
    throw new PointsStateError('ROUND_IN_FUTURE', `round ${round.roundId} is dated ${on}, after today ${today}`);
  if (!facts) throw new PointsStateError('FACTS_MISSING', 'AssessPoints needs the cross-stream facts in its context');

  const purposeRule = policy.find(PURPOSE_RULES[purpose], on);
  if (!purposeRule) return notProvided(policy, PURPOSE_RULES[purpose], DECISION);
  const factors = policy.find<PointsFactorsParams>('points.factors', on);
  if (!factors) return notProvided(policy, 'points.factors', DECISION);

  if (state.status === 'vetoed') {
    return refuse(policy, factors, {
      code: PointsRefusalCode.vetoed,
      reason: `${DECISION}：已一票否决（${state.veto?.ground}）`,
      computed: state.veto,
    });
  }
  // Where services are tiered on the permit (shaoxing-2016-11 §(四)), no permit means no tier to score.
  const tierBasis = policy.find('permit.tier-basis', on);
  if (tierBasis && facts.permit.status !== 'active') {
    return refuse(policy, tierBasis, {
      code: PointsRefusalCode.noActivePermit,
      reason: `${DECISION}：未持有有效居住证（${facts.permit.status}）`,
      computed: { permit: facts.permit },
      wouldChange: facts.permit.status === 'suspended' ? '补办签注恢复居住证使用功能' : '申领居住证',
    });
  }
  if (purpose === 'school-admission' && command.data.threeUnified) {
    return refuse(policy, purposeRule, {
      code: PointsRefusalCode.threeUnified,
      reason: `${DECISION}：“三统一”人员子女按学区入学，不参加积分入学`,
      computed: { threeUnified: true },
      wouldChange: '仅非“三统一”人员子女按积分入学',
    });
  }

  const { breakdown, gross, total } = scorePoints(factors.params, facts, on);
  const rules: ResolvedRule<unknown>[] = [purposeRule, factors, ...(tierBasis ? [tierBasis] : [])];
  return [
    {
      type: 'PointsAssessed',
      data: {
        workerId: command.data.workerId,
        round,
        purpose,
        assessedOn: today,
        breakdown,
        gross,
        total,
        factorsVersion: {
          packId: policy.packId,
          packVersion: policy.packVersion,
          effectiveFrom: factors.effectiveFrom,
        },
        permitIssuedOn: facts.permit.issuedOn ?? null,
        violationIds: [...facts.violationIds],
        decision: decisionRecord(policy, today, rules, { ...facts, referenceDate: on, assessedOn: today, purpose }),
      },
    },
  ];
}
