import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { Scheme } from '@ledger/insurance/domain/schemes';
import type { SkillLevel } from '@ledger/worker/domain/levels';
import type { LegalAidClaim } from './kinds';

/** One worker's registrations, subsidies, loans and legal aid: `employment-<workerId>`. */
export const employmentStream = (workerId: string): string => `employment-${workerId}`;

type Decided<TType extends string, TData> = DomainEvent<TType, TData & { workerId: string; decision: DecisionRecord }>;

/** 失业登记 accepted; the residence start is the permit stream's, as the decision saw it. */
export type UnemploymentRegistered = Decided<
  'UnemploymentRegistered',
  { registeredOn: IsoDate; continuousResidenceSince: IsoDate }
>;

/** 就业登记: the worker's job with an employer; it ends an open unemployment registration. */
export type EmploymentRegistered = Decided<
  'EmploymentRegistered',
  { employerId: string; startedOn: IsoDate; registeredOn: IsoDate }
>;

/** Placed on a public post (公益性岗位); the unemployment registration ends. */
export type PlacedOnPublicPost = Decided<
  'PlacedOnPublicPost',
  { postId: string; employerId: string; startedOn: IsoDate }
>;

/** One month's post subsidy: the minimum wage plus the employer's subsidised contributions. */
export type PublicPostSubsidyGranted = Decided<
  'PublicPostSubsidyGranted',
  {
    postId: string;
    month: string;
    wageFen: number;
    contributionsFen: Partial<Record<Scheme, number>>;
    totalFen: number;
  }
>;

export type StartupSubsidyGranted = Decided<
  'StartupSubsidyGranted',
  { ventureId: string; requestedFen: number; amountFen: number }
>;

export type StartupJobsSubsidyGranted = Decided<
  'StartupJobsSubsidyGranted',
  { ventureId: string; requestedFen: number; amountFen: number }
>;

export type GuaranteedLoanApproved = Decided<'GuaranteedLoanApproved', { loanId: string; amountFen: number }>;

export type AppraisalSubsidyGranted = Decided<
  'AppraisalSubsidyGranted',
  { certificateId: string; skillLevel: SkillLevel; amountFen: number }
>;

/** The shortage-occupation uplift of a training subsidy (standard × (100 + uplift) / 100, rounded down). */
export type TrainingSubsidyUplifted = Decided<
  'TrainingSubsidyUplifted',
  { trainingId: string; occupation: string; standardFen: number; amountFen: number }
>;

export type TrainingAppraisalSubsidyGranted = Decided<
  'TrainingAppraisalSubsidyGranted',
  { claimId: string; requestedFen: number; amountFen: number }
>;

/** Legal aid for a wage or work-injury claim without the means test. */
export type LegalAidMeansTestWaived = Decided<'LegalAidMeansTestWaived', { caseId: string; claim: LegalAidClaim }>;

export type EmploymentEvent =
  | UnemploymentRegistered
  | EmploymentRegistered
  | PlacedOnPublicPost
  | PublicPostSubsidyGranted
  | StartupSubsidyGranted
  | StartupJobsSubsidyGranted
  | GuaranteedLoanApproved
  | AppraisalSubsidyGranted
  | TrainingSubsidyUplifted
  | TrainingAppraisalSubsidyGranted
  | LegalAidMeansTestWaived;
