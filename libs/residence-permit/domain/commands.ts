import type { IsoDate } from '@ledger/kernel';
import type { PermitGround } from '@ledger/policy/params/permit';

/** A residence address; personal data, encrypted by the store's writers later. */
export interface Address {
  line: string;
  /** 行政区划代码 of the district, where known. */
  districtCode?: string;
}

export type RevocationReason = 'moved-away' | 'settled-locally' | 'obtained-by-fraud';

/** 居住登记: the worker declares where they live and since when. */
export interface RegisterResidence {
  type: 'RegisterResidence';
  data: { workerId: string; address: Address; arrivalOn: IsoDate };
}

/** Evidence (a tenancy contract, say) shows the worker arrived earlier than registered. */
export interface CorrectArrivalDate {
  type: 'CorrectArrivalDate';
  data: { workerId: string; arrivalOn: IsoDate; evidenceRef: string };
}

export interface ApplyForPermit {
  type: 'ApplyForPermit';
  data: { workerId: string; ground: PermitGround; evidenceRef?: string };
}

export interface IssuePermit {
  type: 'IssuePermit';
  data: { workerId: string; permitNumber: string; issuingOfficeCode: string };
}

/** 签注: on time in the window, or late (补办) after the permit lapsed. */
export interface EndorsePermit {
  type: 'EndorsePermit';
  data: { workerId: string };
}

/** Records that a 签注 fell due and was not made (逾期未办理签注). */
export interface RecordEndorsementLapse {
  type: 'RecordEndorsementLapse';
  data: { workerId: string };
}

export interface ChangeAddress {
  type: 'ChangeAddress';
  data: { workerId: string; address: Address; movedOn: IsoDate };
}

export interface RevokePermit {
  type: 'RevokePermit';
  data: { workerId: string; reason: RevocationReason };
}

export type PermitCommand =
  | RegisterResidence
  | CorrectArrivalDate
  | ApplyForPermit
  | IssuePermit
  | EndorsePermit
  | RecordEndorsementLapse
  | ChangeAddress
  | RevokePermit;
