import type { IsoDate } from '@ledger/kernel';
import type { HomeKind, TenancyEndReason } from './events';

interface Command<T extends string, D> {
  type: T;
  data: D;
}

/** `submittedOn` may be earlier than today: a paper application entered late (effectiveOn). */
export type SubmitRentalApplication = Command<
  'SubmitRentalApplication',
  { workerId: string; applicationId: string; submittedOn: IsoDate; householdSize: number }
>;

/** Decides the pending application as of its submission date, then waitlists it. */
export type DecideRentalEligibility = Command<'DecideRentalEligibility', { applicationId: string }>;

/**
 * Re-checks a waitlisted (or suspended) application as of `reviewedOn`; the projector's process
 * manager sends it when the permit lapses or is restored, or employment ends.
 */
export type ReviewWaitlistEntry = Command<'ReviewWaitlistEntry', { applicationId: string; reviewedOn: IsoDate }>;

export type AllocateUnit = Command<'AllocateUnit', { applicationId: string; unitId: string; allocatedOn: IsoDate }>;

export type SignLease = Command<
  'SignLease',
  {
    applicationId: string;
    leaseId: string;
    signedOn: IsoDate;
    startsOn: IsoDate;
    endsOn?: IsoDate;
    monthlyRentFen: number;
  }
>;

export type EndTenancy = Command<'EndTenancy', { leaseId: string; endedOn: IsoDate; reason: TenancyEndReason }>;

export type RecordHomePurchase = Command<
  'RecordHomePurchase',
  { purchaseId: string; purchasedOn: IsoDate; homeKind: HomeKind }
>;

export type HousingCommand =
  | SubmitRentalApplication
  | DecideRentalEligibility
  | ReviewWaitlistEntry
  | AllocateUnit
  | SignLease
  | EndTenancy
  | RecordHomePurchase;
