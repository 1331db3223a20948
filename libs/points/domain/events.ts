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

export type PointsEvent = PointsAssessed | PointsAdjusted | PointsVetoed;

export const pointsStreamName = (workerId: string): string => `points-${workerId}`;
