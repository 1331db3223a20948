import type { IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';

export type PermitStatus = 'valid' | 'suspended' | 'revoked' | 'none';

/** A parent as the other streams stood on the date the decision looks at. */
export interface ParentFacts {
  workerId: string;
  /** residence-permit stream: the permit's status on that date. */
  permitStatus?: PermitStatus;
  /** housing stream: HomePurchased in the jurisdiction. */
  homePurchasedOn?: IsoDate;
  /** public security / settlement: the hukou moved into the jurisdiction (入户). */
  hukouMovedOn?: IsoDate;
}

/** Facts owned by other streams; the handler reads them and the decision records them as inputs. */
export interface ChildFacts {
  /** First day of the child's continuous residence in the city (居住登记 of the family). */
  childResidenceSince?: IsoDate;
  parents?: ParentFacts[];
  /** points stream: the parent's assessment a points-ranked admission ranks by. */
  points?: { workerId: string; total: number; assessedOn: IsoDate };
}

/** What `decide` needs besides the stream: today (no clock in the domain), the pack, other streams' facts. */
export interface SchoolingContext {
  today: IsoDate;
  policy: PolicyView;
  facts?: ChildFacts;
}
