import type { IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';

/** What a firm-level decision needs besides the firm's stream; facts from elsewhere are recorded in inputs. */
export interface EmployerContext {
  today: IsoDate;
  policy: PolicyView;
  /** Project records: whether the payment's project is in 工程建设 (RecordWagePayment). */
  project?: { projectId: string; construction: boolean };
  /** Registration records for AwardAgencyPlacement: the agency is commercial, the receiving firm private and in the city. */
  placement?: { commercialAgency: boolean; firmPrivate: boolean; firmInCity: boolean };
  /** For ApproveFirmGuaranteedLoan: staff now, eligible hires this calendar year, 小微企业 status. */
  firm?: { staffCount: number; eligibleHiresThisYear: number; smallOrMicro: boolean };
}
