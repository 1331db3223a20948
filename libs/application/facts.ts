import type { IsoDate } from '@ledger/kernel';
import { housingDecider, HousingState } from '@ledger/housing';
import { countContributionMonths, insuranceDecider, InsuranceState } from '@ledger/insurance';
import { permitDecider, PermitState } from '@ledger/residence-permit';
import { pointsDecider, PointsState } from '@ledger/points';
import { schoolingDecider, SchoolingState } from '@ledger/schooling';
import { workerDecider, WorkerState } from '@ledger/worker';
import type { CommandEnvelope } from './execute-command';
import type { StreamStates } from './stream-states';

/**
 * Facts a decision needs from other streams, folded from the store (the source of truth).
 * Each loader returns part of its context; the decider records what it used as inputs.
 */
type FactsLoader = (envelope: CommandEnvelope, states: StreamStates, today: IsoDate) => Promise<Record<string, unknown>>;

const permitOf = async (states: StreamStates, workerId: string) =>
  (await states.load<PermitState, never>(`residence-permit-${workerId}`, permitDecider as never)).state;

/**
 * The permit's status for services on `on`, from its own dates: 逾期未办理签注手续的，居住证使用
 * 功能中止 (national-663 第十条) holds from the first overdue day, whether or not the lapse has
 * been recorded yet (the projector records it on its daily tick). The housing and schooling
 * contexts say 'valid' where the permit stream says 'active'.
 */
export function permitStatusForServices(state: PermitState, on: IsoDate): 'valid' | 'suspended' | 'revoked' | 'none' {
  switch (state.status) {
    case 'active':
      return state.validUntil !== undefined && on > state.validUntil ? 'suspended' : 'valid';
    case 'suspended':
      return 'suspended';
    case 'revoked':
      return 'revoked';
    case 'none':
    case 'applied':
      return 'none';
    default: {
      const unexpected: never = state.status;
      throw new Error(`unknown permit status ${String(unexpected)}`);
    }
  }
}

/** 积分: permit years, contribution months, education and skills, home, violations. */
export const pointsFacts: FactsLoader = async (envelope, states, today) => {
  const workerId = envelope.subjectId;
  const [permit, insurance, worker, housing] = await Promise.all([
    permitOf(states, workerId),
    states.load<InsuranceState, never>(`insurance-${workerId}`, insuranceDecider as never),
    states.load<WorkerState, never>(`worker-${workerId}`, workerDecider as never),
    states.load<HousingState, never>(`housing-${workerId}`, housingDecider as never),
  ]);
  return {
    facts: {
      // Overdue on the decision date is suspended, recorded or not (national-663 第十条).
      permit: { status: permitStatusForServices(permit, today) === 'suspended' ? 'suspended' : permit.status, issuedOn: permit.issuedOn, continuousResidenceSince: permit.continuousResidenceSince },
      // docs/policy-rules.md §3: a month paid twice (two cities) counts once.
      contributionMonths: countContributionMonths(insurance.state, ['employee-pension', 'resident-pension'], { countOnce: true }),
      education: worker.state.education,
      skill: worker.state.skill,
      homeOwned: housing.state.homes.length > 0,
      violationIds: worker.state.violations.map((v) => v.violationId),
    },
  };
};

/** 公租房: the permit and continuous residence; employment and work spells are attested by 住建局. */
export const housingFacts: FactsLoader = async (envelope, states, today) => {
  const permit = await permitOf(states, envelope.subjectId);
  return {
    facts: { permitStatus: permitStatusForServices(permit, today), residenceSince: permit.continuousResidenceSince },
  };
};

/** 入学: each parent's permit and home purchase, and (三元区) the best parent's points. */
export const schoolingFacts: FactsLoader = async (envelope, states, today) => {
  const child = (await states.load<SchoolingState, never>(`schooling-${envelope.subjectId}`, schoolingDecider as never)).state;
  const command = envelope.command as { type: string; data: { parentWorkerIds?: string[] } };
  const parentIds = child.child?.parentWorkerIds ?? command.data.parentWorkerIds ?? [];
  const parents = await Promise.all(
    parentIds.map(async (workerId) => {
      const [permit, housing] = await Promise.all([
        permitOf(states, workerId),
        states.load<HousingState, never>(`housing-${workerId}`, housingDecider as never),
      ]);
      const home = [...housing.state.homes].sort((a, b) => a.purchasedOn.localeCompare(b.purchasedOn))[0];
      // 购房入户 (fengdu-2017-29 §四): the day the hukou moved to town, from the worker's own stream.
      const worker = await states.load<WorkerState, never>(`worker-${workerId}`, workerDecider as never);
      return {
        workerId,
        permitStatus: permitStatusForServices(permit, today),
        homePurchasedOn: home?.purchasedOn,
        ...(worker.state.hukouMovedOn ? { hukouMovedOn: worker.state.hukouMovedOn } : {}),
      };
    }),
  );
  const points = await Promise.all(
    parentIds.map(async (workerId) => {
      const p = (await states.load<PointsState, never>(`points-${workerId}`, pointsDecider as never)).state;
      return p.status === 'assessed' && p.assessedOn ? { workerId, total: p.total, assessedOn: p.assessedOn } : undefined;
    }),
  );
  const best = points.filter((p) => p !== undefined).sort((a, b) => b!.total - a!.total)[0];
  const residence = (await Promise.all(parentIds.map((id) => permitOf(states, id))))
    .map((p) => p.continuousResidenceSince)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  return { facts: { parents, ...(best ? { points: best } : {}), ...(residence ? { childResidenceSince: residence } : {}) } };
};

/** 失业登记: continuous residence from the permit; employment status is attested by 人社局. */
export const employmentFacts: FactsLoader = async (envelope, states) => {
  const permit = await permitOf(states, envelope.subjectId);
  return permit.continuousResidenceSince ? { continuousResidenceSince: permit.continuousResidenceSince } : {};
};

/** The worker's own health services: continuous residence (panzhihua-2016-10 §(十四)) and the first home bought (fengdu-2017-29 §三). */
export const publicHealthFacts: FactsLoader = async (envelope, states) => {
  const [permit, housing] = await Promise.all([
    permitOf(states, envelope.subjectId),
    states.load<HousingState, never>(`housing-${envelope.subjectId}`, housingDecider as never),
  ]);
  const home = [...housing.state.homes].sort((a, b) => a.purchasedOn.localeCompare(b.purchasedOn))[0];
  return {
    facts: {
      ...(permit.continuousResidenceSince ? { residenceSince: permit.continuousResidenceSince } : {}),
      ...(home ? { homePurchasedOn: home.purchasedOn } : {}),
    },
  };
};
