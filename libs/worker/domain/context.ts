import type { IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';

/** Today and the deployment's pack; the worker stream needs no facts from other streams. */
export interface WorkerContext {
  today: IsoDate;
  policy: PolicyView;
}
