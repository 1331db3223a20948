import type { IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';

/** What `decide` is given besides the command and the stream's state: today and the pack. */
export interface PermitContext {
  /** The office's date (Asia/Shanghai); the domain never reads a clock. */
  today: IsoDate;
  policy: PolicyView;
}
