import type { IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';

export type PermitStatus = 'valid' | 'suspended' | 'revoked' | 'none';

/** One uninterrupted spell of work in the city; `to` is the last day worked, absent while it lasts. */
export interface WorkSpell {
  from: IsoDate;
  to?: IsoDate;
}

/**
 * Facts owned by other streams, as they stood on the date the decision looks at. The command
 * handler reads them and the decision records them as its inputs.
 */
export interface WorkerHousingFacts {
  /** worker / insurance streams: spells of work in the city (sanming-draft §9). */
  workSpells?: WorkSpell[];
  /** worker stream: holds a job under a labour contract now (panzhihua-2016-10 §(十五)). */
  employed?: boolean;
  /** insurance stream: first month of the current unbroken run of contributions, as a date. */
  contributionsSince?: IsoDate;
  /** residence-permit stream: status, and the start of continuous residence (a late 签注 restarts it). */
  permitStatus?: PermitStatus;
  residenceSince?: IsoDate;
  /** talent office / worker stream: a family recognised as 外来人才 (sanming-draft §9). */
  outsideTalentFamily?: boolean;
  /** worker stream: the area the family works in, matched against the rule's area (市区). */
  workArea?: string;
}

/** What `decide` needs besides the stream: today (no clock in the domain), the pack, other streams' facts. */
export interface HousingContext {
  today: IsoDate;
  policy: PolicyView;
  facts?: WorkerHousingFacts;
}
