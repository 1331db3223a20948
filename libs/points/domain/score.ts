import { elapsed } from '@ledger/kernel';
import type { IsoDate } from '@ledger/kernel';
import type { PointsFactorsParams } from '@ledger/policy/params/points';
import type { PointsFacts } from './context';
import type { PointsLine } from './events';

/** Points for full years at a rate, cut at the cap. */
export function perYear(
  fullYears: number,
  rate: { perFullYear: number; cap: number },
): { points: number; capped: boolean } {
  const raw = fullYears * rate.perFullYear;
  return { points: Math.min(raw, rate.cap), capped: raw > rate.cap };
}

/** Full years from `since` to `on`, counted as the Civil Code counts them (a year is 12 months). */
export function fullYears(since: IsoDate | undefined, on: IsoDate): number {
  return since ? Math.floor(elapsed(since, on).months / 12) : 0;
}

/**
 * The breakdown under `points.factors`, as of the round's reference date. Permit years count
 * from continuousResidenceSince, which a late 签注 restarts (national-663 第十条), and only
 * while the permit is active.
 */
export function scorePoints(
  params: PointsFactorsParams,
  facts: PointsFacts,
  on: IsoDate,
): { breakdown: PointsLine[]; gross: number; total: number } {
  const permitYears = facts.permit.status === 'active' ? fullYears(facts.permit.continuousResidenceSince, on) : 0;
  const permit = perYear(permitYears, params.permit);
  const contributionYears = Math.floor(Math.max(0, facts.contributionMonths) / 12);
  const contributions = perYear(contributionYears, params.contributions);
  const breakdown: PointsLine[] = [
    { factor: 'permit', basis: permitYears, points: permit.points, capped: permit.capped },
    { factor: 'contributions', basis: contributionYears, points: contributions.points, capped: contributions.capped },
    {
      factor: 'education',
      basis: facts.education ?? null,
      points: facts.education ? (params.education[facts.education] ?? 0) : 0,
      capped: false,
    },
    {
      factor: 'skill',
      basis: facts.skill ?? null,
      points: facts.skill ? (params.skill[facts.skill] ?? 0) : 0,
      capped: false,
    },
    { factor: 'home', basis: facts.homeOwned, points: facts.homeOwned ? params.homeOwned : 0, capped: false },
    {
      factor: 'violations',
      basis: facts.violationIds.length,
      points: -facts.violationIds.length * params.perViolation,
      capped: false,
    },
  ];
  const gross = breakdown.reduce((sum, line) => sum + line.points, 0);
  return { breakdown, gross, total: Math.max(params.floor, gross) };
}
