import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { PermitGround } from '@ledger/policy/params/permit';
import type { Address, RevocationReason } from './commands';

/** When the next 签注 is on time, due, and overdue (permit.endorse.yearly, permit.restore). */
export interface EndorsementSchedule {
  /** The day the years count from: the issue, or the late 签注 that restarted them. */
  anchor: IsoDate;
  /** The k-th full year of residence since the schedule's anchor (issue or late 签注). */
  year: number;
  /** First day of the window (居住每满1年之日前1个月内). */
  windowOpensOn: IsoDate;
  /** The day the year completes (居住每满1年之日): the 签注 must come before it. */
  dueOn: IsoDate;
  /** First day the permit's use is suspended if no 签注 was made (dueOn + the city's grace). */
  overdueFrom: IsoDate;
}

export type ResidenceRegistered = DomainEvent<
  'ResidenceRegistered',
  { workerId: string; address: Address; arrivalOn: IsoDate; registeredOn: IsoDate }
>;

export type ArrivalDateCorrected = DomainEvent<
  'ArrivalDateCorrected',
  { workerId: string; arrivalOn: IsoDate; previousArrivalOn: IsoDate; evidenceRef: string; correctedOn: IsoDate }
>;

export type PermitApplied = DomainEvent<
  'PermitApplied',
  {
    workerId: string;
    appliedOn: IsoDate;
    ground: PermitGround;
    evidenceRef?: string;
    residenceSince: IsoDate;
    decision: DecisionRecord;
  }
>;

/** PermitIssued schema v1, as stored before the issuing office was recorded. */
export interface PermitIssuedV1Data {
  workerId: string;
  permitNumber: string;
  issuedOn: IsoDate;
  continuousResidenceSince: IsoDate;
  nextEndorsement: EndorsementSchedule;
  decision: DecisionRecord;
}

/** PermitIssued schema v2 (current): adds the issuing office's 行政区划代码. */
export interface PermitIssuedData extends PermitIssuedV1Data {
  /** null when an old event's permit number carried no recognisable area code. */
  issuingOfficeCode: string | null;
}

export const PERMIT_ISSUED_SCHEMA_VERSION = 2;

export type PermitIssued = DomainEvent<'PermitIssued', PermitIssuedData>;

export type PermitEndorsed = DomainEvent<
  'PermitEndorsed',
  {
    workerId: string;
    endorsedOn: IsoDate;
    endorsedYear: number;
    nextEndorsement: EndorsementSchedule;
    decision: DecisionRecord;
  }
>;

/** 签注逾期: the permit's use is suspended from the day it became overdue. */
export type PermitSuspended = DomainEvent<
  'PermitSuspended',
  { workerId: string; suspendedOn: IsoDate; missedDueOn: IsoDate; decision: DecisionRecord }
>;

/** A late 签注 (补办): use restored, continuous residence counted again from `endorsedOn`. */
export type PermitRestored = DomainEvent<
  'PermitRestored',
  {
    workerId: string;
    endorsedOn: IsoDate;
    suspendedOn: IsoDate;
    continuousResidenceSince: IsoDate;
    nextEndorsement: EndorsementSchedule;
    decision: DecisionRecord;
  }
>;

export type AddressChanged = DomainEvent<'AddressChanged', { workerId: string; address: Address; movedOn: IsoDate }>;

export type PermitRevoked = DomainEvent<
  'PermitRevoked',
  { workerId: string; revokedOn: IsoDate; reason: RevocationReason }
>;

export type PermitEvent =
  | ResidenceRegistered
  | ArrivalDateCorrected
  | PermitApplied
  | PermitIssued
  | PermitEndorsed
  | PermitSuspended
  | PermitRestored
  | AddressChanged
  | PermitRevoked;

export type PermitEventType = PermitEvent['type'];

/** The stream of one worker's permit. */
export const permitStreamName = (workerId: string): string => `residence-permit-${workerId}`;
