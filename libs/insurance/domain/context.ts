import type { IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';

/**
 * What an insurance decision needs besides the stream: today, the deployment's pack, and facts
 * other streams own, read by the handler and recorded in the decision's inputs.
 */
export interface InsuranceContext {
  today: IsoDate;
  policy: PolicyView;
  /** The worker's labour relation on `today` (employment records): needed to enrol `stable-job` or `flexible`. */
  labourRelation?: { kind: 'stable' | 'flexible' | 'none'; employerId?: string };
  /** The project the worker is on: needed to enrol `construction-project`. */
  project?: { projectId: string; employerId: string; construction: boolean };
}
