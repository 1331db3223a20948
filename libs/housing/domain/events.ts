import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { TaxRelief } from '@ledger/policy/params/housing';

/** Stream `housing-<workerId>` (住建局). Payloads carry ids, dates and values, never display text. */
export const housingStream = (workerId: string): string => `housing-${workerId}`;

export type RentalApplicationSubmitted = DomainEvent<
  'RentalApplicationSubmitted',
  { workerId: string; applicationId: string; submittedOn: IsoDate; householdSize: number }
>;

/** An eligible decision; a refusal is a value the API answers with and the stream never holds. */
export type RentalEligibilityDecided = DomainEvent<
  'RentalEligibilityDecided',
  { applicationId: string; eligible: true; assessedOn: IsoDate; decision: DecisionRecord }
>;

export type Waitlisted = DomainEvent<'Waitlisted', { applicationId: string; waitlistedOn: IsoDate }>;

/** The worker no longer meets the rule that put them on the list (a lapsed permit, say). */
export type WaitlistEntrySuspended = DomainEvent<
  'WaitlistEntrySuspended',
  { applicationId: string; suspendedOn: IsoDate; ground: string; decision: DecisionRecord }
>;

export type WaitlistEntryReinstated = DomainEvent<
  'WaitlistEntryReinstated',
  { applicationId: string; reinstatedOn: IsoDate; decision: DecisionRecord }
>;

export type UnitAllocated = DomainEvent<
  'UnitAllocated',
  { applicationId: string; unitId: string; allocatedOn: IsoDate }
>;

export type LeaseSigned = DomainEvent<
  'LeaseSigned',
  {
    applicationId: string;
    leaseId: string;
    unitId: string;
    signedOn: IsoDate;
    startsOn: IsoDate;
    endsOn?: IsoDate;
    monthlyRentFen: number;
  }
>;

export const TENANCY_END_REASONS = ['lease-expired', 'moved-out', 'terminated'] as const;
export type TenancyEndReason = (typeof TENANCY_END_REASONS)[number];

export type TenancyEnded = DomainEvent<
  'TenancyEnded',
  { applicationId: string; leaseId: string; endedOn: IsoDate; reason: TenancyEndReason }
>;

export const HOME_KINDS = ['commercial', 'price-capped'] as const;
/** 商品住房, or a 限价房 sold under sanming-draft §9. */
export type HomeKind = (typeof HOME_KINDS)[number];

/**
 * The tax relief the purchase is entitled to: which taxes, and no rate, because no seed states
 * one (panzhihua-2016-10 §(十五)); the tax bureau applies its own.
 */
export interface TaxReliefEntitlement {
  taxes: TaxRelief[];
  rate: null;
}

export type HomePurchased = DomainEvent<
  'HomePurchased',
  {
    purchaseId: string;
    purchasedOn: IsoDate;
    homeKind: HomeKind;
    /** Null where the pack grants no relief on this purchase. */
    taxRelief: TaxReliefEntitlement | null;
    decision: DecisionRecord;
  }
>;

export type HousingEvent =
  | RentalApplicationSubmitted
  | RentalEligibilityDecided
  | Waitlisted
  | WaitlistEntrySuspended
  | WaitlistEntryReinstated
  | UnitAllocated
  | LeaseSigned
  | TenancyEnded
  | HomePurchased;

export type HousingEventType = HousingEvent['type'];
