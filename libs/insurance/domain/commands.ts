import type { MonthSpan } from './months';
import type { Scheme } from './schemes';

interface Command<TType extends string, TData> {
  type: TType;
  data: TData;
}

/** Record contributions the fund reports for months of one scheme in one place. */
export type RecordContributions = Command<
  'RecordContributions',
  { workerId: string; scheme: Scheme; region: string; months: MonthSpan; baseFen: number; employerId?: string }
>;

/** Enrol the worker: through a stable employer, by their own choice as a flexible worker, or per construction project. */
export type EnrolWorker = Command<
  'EnrolWorker',
  | { workerId: string; basis: 'stable-job'; employerId: string }
  | { workerId: string; basis: 'flexible'; schemes: Scheme[] }
  | { workerId: string; basis: 'construction-project'; projectId: string }
>;

/** Ask for months of one scheme to move from one place (or scheme) to another. */
export type RequestTransfer = Command<
  'RequestTransfer',
  { workerId: string; transferId: string; fromScheme: Scheme; toScheme: Scheme; fromRegion: string; toRegion: string }
>;

export type IssueTransferLetter = Command<
  'IssueTransferLetter',
  { workerId: string; transferId: string; letterId: string }
>;

export type ReceiveTransferFunds = Command<
  'ReceiveTransferFunds',
  { workerId: string; transferId: string; months: MonthSpan; amountFen: number }
>;

export type CompleteTransfer = Command<'CompleteTransfer', { workerId: string; transferId: string }>;

export type RejectTransfer = Command<'RejectTransfer', { workerId: string; transferId: string; reasonCode: string }>;

export type InsuranceCommand =
  | RecordContributions
  | EnrolWorker
  | RequestTransfer
  | IssueTransferLetter
  | ReceiveTransferFunds
  | CompleteTransfer
  | RejectTransfer;
