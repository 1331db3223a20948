import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { PaymentChannel } from './kinds';

/** A firm's (or HR agency's) stream: site rosters, wage payments, placement awards, firm loans. */
export const employerStream = (employerId: string): string => `employer-${employerId}`;

/** A worker put on a construction project's real-name roster (实名制). A fact, no decision. */
export type SiteWorkerRegistered = DomainEvent<
  'SiteWorkerRegistered',
  { employerId: string; projectId: string; workerId: string; registeredOn: IsoDate }
>;

/** What a wage rule found wrong with a payment: values, the refusal-like wording is the reader's. */
export interface WageFinding {
  ruleId: string;
  code: 'NOT_ON_SITE_ROSTER' | 'UNNAMED_PAYMENT' | 'NOT_BANK_PAID' | 'BELOW_MINIMUM_WAGE';
  computed?: unknown;
  required?: unknown;
}

/**
 * A wage payment, recorded whatever it breaches (it happened); the pack's wage rules are checked
 * and what they found is kept with it for inspection (劳动保障监察).
 */
export type WagePaymentRecorded = DomainEvent<
  'WagePaymentRecorded',
  {
    employerId: string;
    paymentId: string;
    /** Absent when the payment names nobody. */
    workerId?: string;
    projectId?: string;
    month: string;
    amountFen: number;
    channel: PaymentChannel;
    /** A whole month's wage, to which the minimum applies. */
    fullMonth: boolean;
    paidOn: IsoDate;
    findings: WageFinding[];
    decision: DecisionRecord;
  }
>;

/** sanming-draft §3: the agency's award for sending one worker to a private firm. */
export type AgencyPlacementAwarded = DomainEvent<
  'AgencyPlacementAwarded',
  {
    employerId: string;
    placementId: string;
    workerId: string;
    firmId: string;
    amountFen: number;
    decision: DecisionRecord;
  }
>;

/** sanming-draft §4: a small firm's guaranteed loan. */
export type FirmGuaranteedLoanApproved = DomainEvent<
  'FirmGuaranteedLoanApproved',
  { employerId: string; loanId: string; amountFen: number; requiredHires: number; decision: DecisionRecord }
>;

export type EmployerEvent =
  SiteWorkerRegistered | WagePaymentRecorded | AgencyPlacementAwarded | FirmGuaranteedLoanApproved;
