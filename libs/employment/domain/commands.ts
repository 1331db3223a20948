import type { SkillLevel } from '@ledger/worker/domain/levels';
import type { LegalAidClaim } from './kinds';

interface Command<TType extends string, TData> {
  type: TType;
  data: TData & { workerId: string };
}

export type RegisterUnemployment = Command<'RegisterUnemployment', Record<never, never>>;
export type RegisterEmployment = Command<'RegisterEmployment', { employerId: string; startedOn: string }>;
export type PlaceOnPublicPost = Command<'PlaceOnPublicPost', { postId: string; employerId: string }>;
/** `month` is YYYY-MM, the month worked on the post. */
export type GrantPublicPostSubsidy = Command<'GrantPublicPostSubsidy', { postId: string; month: string }>;
export type GrantStartupSubsidy = Command<'GrantStartupSubsidy', { ventureId: string; requestedFen: number }>;
export type GrantStartupJobsSubsidy = Command<'GrantStartupJobsSubsidy', { ventureId: string; requestedFen: number }>;
export type ApproveGuaranteedLoan = Command<'ApproveGuaranteedLoan', { loanId: string; amountFen: number }>;
/** The appraisal body's result: the certificate and its level. */
export type GrantAppraisalSubsidy = Command<'GrantAppraisalSubsidy', { certificateId: string; skillLevel: SkillLevel }>;
/** `standardFen`: the course's standard subsidy from the training record. */
export type UpliftTrainingSubsidy = Command<
  'UpliftTrainingSubsidy',
  { trainingId: string; occupation: string; standardFen: number }
>;
export type GrantTrainingAppraisalSubsidy = Command<
  'GrantTrainingAppraisalSubsidy',
  { claimId: string; requestedFen: number }
>;
export type ApplyForLegalAid = Command<'ApplyForLegalAid', { caseId: string; claim: LegalAidClaim }>;

export type EmploymentCommand =
  | RegisterUnemployment
  | RegisterEmployment
  | PlaceOnPublicPost
  | GrantPublicPostSubsidy
  | GrantStartupSubsidy
  | GrantStartupJobsSubsidy
  | ApproveGuaranteedLoan
  | GrantAppraisalSubsidy
  | UpliftTrainingSubsidy
  | GrantTrainingAppraisalSubsidy
  | ApplyForLegalAid;
