import type { IsoDate } from '@ledger/kernel';
import type { Scheme } from '@ledger/insurance/domain/schemes';
import type { PolicyView } from '@ledger/policy';

/**
 * What an employment decision needs besides the worker's stream. Facts other streams own come
 * here, read by the handler; each decision records those it used in its inputs.
 */
export interface EmploymentContext {
  today: IsoDate;
  policy: PolicyView;
  /** residence-permit stream: the day continuous residence counts from (RegisterUnemployment). */
  continuousResidenceSince?: IsoDate;
  /** Employment records: is the worker in work on `today` (RegisterUnemployment). */
  employed?: boolean;
  /** worker stream: a 农民工 (sanming's registration covers only them). */
  migrantWorker?: boolean;
  /** 就业困难认定: cannot find work unaided (PlaceOnPublicPost). */
  cannotFindWorkUnaided?: boolean;
  /** Fund records: the post employer's contributions actually paid for the month (GrantPublicPostSubsidy). */
  employerContributionsFen?: Partial<Record<Scheme, number>>;
  /** Market-regulation records: the venture (GrantStartupSubsidy). */
  venture?: { ventureId: string; openedOn: IsoDate; operatingNormally: boolean; earlierVentures: number };
  /** Lender/HRSS: the applicant meets the guaranteed-loan conditions (ApproveGuaranteedLoan). */
  guaranteedLoanEligible?: boolean;
  /** The city's 急需紧缺目录 lists the training's occupation (UpliftTrainingSubsidy). */
  shortageOccupation?: boolean;
}
