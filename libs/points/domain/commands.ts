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

/**
 * 居住证使用功能中止 (permit.lapse): the points are not used while the permit is suspended. Sent by
 * the permit-lapse process manager on PermitSuspended; `suspendedOn` is the permit's own date.
 */
export interface SuspendPoints {
  type: 'SuspendPoints';
  data: { workerId: string; suspendedOn: IsoDate };
}

/** A late 签注 restored the permit (permit.restore): the points are used again from `resumedOn`. */
export interface ResumePoints {
  type: 'ResumePoints';
  data: { workerId: string; resumedOn: IsoDate };
}

/**
 * Contribution months changed after the assessment (a completed 转移接续 brought months from
 * another place): the contributions line is scored again, months paid twice counting once.
 */
export interface RecountContributions {
  type: 'RecountContributions';
  data: { workerId: string; transferId: string };
}

export type PointsCommand =
  AssessPoints | AdjustPoints | VetoPoints | SuspendPoints | ResumePoints | RecountContributions;
