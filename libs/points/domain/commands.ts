import type { IsoDate } from '@ledger/kernel';

/** What the points are for: public services (shaoxing) or 三元区 school seats (sanming). */
export type PointsPurpose = 'public-services' | 'school-admission';

/** A round of assessment: everyone in it is scored as of the same reference date. */
export interface PointsRound {
  roundId: string;
  referenceDate: IsoDate;
}

export interface AssessPoints {
  type: 'AssessPoints';
  data: {
    workerId: string;
    round: PointsRound;
    purpose: PointsPurpose;
    /** School admission only: 户籍、房产、实际居住 三统一 parents are placed by catchment, not points. */
    threeUnified?: boolean;
  };
}

/** A change between assessments: a violation found (deduction) or annulled on appeal (restored). */
export interface AdjustPoints {
  type: 'AdjustPoints';
  data: { workerId: string; kind: 'violation-deduction' | 'violation-annulled'; violationId: string };
}

/** 一票否决: a ground the pack names vetoes the worker's points outright. */
export interface VetoPoints {
  type: 'VetoPoints';
  data: { workerId: string; ground: string; ref: string };
}

export type PointsCommand = AssessPoints | AdjustPoints | VetoPoints;
