import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { YearMonth } from './months';
import type { EnrolmentBasis, Scheme } from './schemes';

/** The stream of one worker's social insurance: `insurance-<workerId>`. */
export const insuranceStream = (workerId: string): string => `insurance-${workerId}`;

/**
 * Contributions paid for months of one scheme in one place (region: 行政区划代码). A fact the
 * fund reports; `effectiveOn` is the first day of the earliest month.
 */
export type ContributionsRecorded = DomainEvent<
  'ContributionsRecorded',
  {
    workerId: string;
    scheme: Scheme;
    region: string;
    /** Sorted, without repeats. */
    months: YearMonth[];
    /** 缴费基数, integer fen. */
    baseFen: number;
    employerId?: string;
  }
>;

/** The worker was enrolled (参保) in schemes under a pack rule. */
export type EnrolledInSchemes = DomainEvent<
  'EnrolledInSchemes',
  {
    workerId: string;
    basis: EnrolmentBasis;
    schemes: Scheme[];
    employerId?: string;
    projectId?: string;
    enrolledOn: IsoDate;
    decision: DecisionRecord;
  }
>;

/** A transfer (转移接续) was accepted for processing, with its deadlines where the pack sets them. */
export type TransferRequested = DomainEvent<
  'TransferRequested',
  {
    workerId: string;
    transferId: string;
    fromScheme: Scheme;
    toScheme: Scheme;
    fromRegion: string;
    toRegion: string;
    requestedOn: IsoDate;
    /** The 联系函 is due by this day. */
    letterDue?: IsoDate;
    /** The transfer is due to complete by this day. */
    completionDue?: IsoDate;
    decision: DecisionRecord;
  }
>;

/** The receiving fund issued its contact letter (联系函) to the fund transferring out. */
export type TransferLetterIssued = DomainEvent<
  'TransferLetterIssued',
  { transferId: string; letterId: string; issuedOn: IsoDate }
>;

/** The fund transferring out sent the account: the months it carries and the money. */
export type TransferFundsReceived = DomainEvent<
  'TransferFundsReceived',
  { transferId: string; months: YearMonth[]; amountFen: number; receivedOn: IsoDate }
>;

/**
 * The months now belong to the destination scheme and place. `monthsCredited` add to its count;
 * `monthsAlreadyHeld` were paid there too and count once (docs/policy-rules.md §3).
 */
export type TransferCompleted = DomainEvent<
  'TransferCompleted',
  {
    workerId: string;
    transferId: string;
    scheme: Scheme;
    region: string;
    monthsCredited: YearMonth[];
    monthsAlreadyHeld: YearMonth[];
    completedOn: IsoDate;
    decision: DecisionRecord;
  }
>;

/** The transfer was turned down by either fund; the months stay where they were. */
export type TransferRejected = DomainEvent<
  'TransferRejected',
  { transferId: string; reasonCode: string; rejectedOn: IsoDate }
>;

export type InsuranceEvent =
  | ContributionsRecorded
  | EnrolledInSchemes
  | TransferRequested
  | TransferLetterIssued
  | TransferFundsReceived
  | TransferCompleted
  | TransferRejected;

export type InsuranceEventType = InsuranceEvent['type'];
