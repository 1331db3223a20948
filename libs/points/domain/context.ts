import type { IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';
import type { EducationLevel, SkillLevel } from '@ledger/worker/domain/levels';

/**
 * Facts from other streams, as of the round's reference date, that the handler reads from the
 * read models (residence-permit, insurance, worker, housing). They are recorded as the
 * decision's inputs, so the score can be explained and replayed.
 */
export interface PointsFacts {
  /** residence-permit-<workerId>: status, issue date and continuousResidenceSince. */
  permit: {
    status: 'none' | 'applied' | 'active' | 'suspended' | 'revoked';
    issuedOn?: IsoDate;
    continuousResidenceSince?: IsoDate;
  };
  /** insurance-<workerId>: months of contributions (a month paid twice counts once). */
  contributionMonths: number;
  /** worker-<workerId>: highest education and skill certificate. */
  education?: EducationLevel;
  skill?: SkillLevel;
  /** housing-<workerId>: a home owned in the city. */
  homeOwned: boolean;
  /** worker-<workerId>: violations found up to the reference date. */
  violationIds: string[];
}

export interface PointsContext {
  today: IsoDate;
  policy: PolicyView;
  /** Needed by AssessPoints only. */
  facts?: PointsFacts;
}
