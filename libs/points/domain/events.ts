import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { PointsPurpose, PointsRound } from './commands';

export type PointsFactor = 'permit' | 'contributions' | 'education' | 'skill' | 'home' | 'violations';

/** One line of the breakdown: the factor, what it counted, the points (negative for deductions). */
export interface PointsLine {
  factor: PointsFactor;
  /** Full years, a level, true/false, or a count, as the factor counts it. */
  basis: number | string | boolean | null;
  points: number;
  /** True where the factor's cap cut the points. */
  capped: boolean;
}

/** Which version of the factors scored it: a round must rank like with like. */
export interface FactorsVersion {
  packId: string;
  packVersion: string;
  effectiveFrom: IsoDate;
}

export type PointsAssessed = DomainEvent<
  'PointsAssessed',
  {
    workerId: string;
    round: PointsRound;
    purpose: PointsPurpose;
    assessedOn: IsoDate;
    breakdown: PointsLine[];
    /** Sum of the lines before the floor. */
    gross: number;
    /** What counts: the gross, never below the floor. */
    total: number;
    factorsVersion: FactorsVersion;
    /** The tie-break key (ties → earlier permit). */
    permitIssuedOn: IsoDate | null;
    violationIds: string[];
    decision: DecisionRecord;
  }
>;

export type PointsAdjusted = DomainEvent<
  'PointsAdjusted',
  {
    workerId: string;
    roundId: string;
    kind: 'violation-deduction' | 'violation-annulled';
    violationId: string;
    adjustedOn: IsoDate;
    delta: number;
    grossAfter: number;
    totalAfter: number;
    decision: DecisionRecord;
  }
>;

export type PointsVetoed = DomainEvent<
  'PointsVetoed',
  { workerId: string; ground: string; ref: string; vetoedOn: IsoDate; decision: DecisionRecord }
>;

/** The points are not used while the permit's use is suspended (permit.lapse). */
export type PointsSuspended = DomainEvent<
  'PointsSuspended',
  { workerId: string; suspendedOn: IsoDate; decision: DecisionRecord }
>;

/** Used again after a late 签注 (permit.restore). */
export type PointsResumed = DomainEvent<
  'PointsResumed',
  { workerId: string; resumedOn: IsoDate; suspendedOn: IsoDate; decision: DecisionRecord }
>;

/** The contributions line scored again on the months the insurance stream now holds. */
export type PointsContributionsRecounted = DomainEvent<
  'PointsContributionsRecounted',
  {
    workerId: string;
    roundId: string;
    transferId: string;
    recountedOn: IsoDate;
    /** Months counted (a month paid in two places once). */
    contributionMonths: number;
    line: PointsLine;
    delta: number;
    grossAfter: number;
    totalAfter: number;
    decision: DecisionRecord;
  }
>;

export type PointsEvent =
  PointsAssessed | PointsAdjusted | PointsVetoed | PointsSuspended | PointsResumed | PointsContributionsRecounted;

export const pointsStreamName = (workerId: string): string => `points-${workerId}`;
