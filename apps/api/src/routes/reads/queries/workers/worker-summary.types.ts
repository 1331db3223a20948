import type { EmploymentState } from '@ledger/employment';
import type { HousingState } from '@ledger/housing';
import type { InsuranceState } from '@ledger/insurance';
import type { RuleStatus } from '@ledger/kernel';
import type { PermitState } from '@ledger/residence-permit';
import type { PointsState } from '@ledger/points';
import type { SchoolingState } from '@ledger/schooling';
import type { WorkerState } from '@ledger/worker';

/**
 * The worker summary's answer (GET /v1/workers/{workerId}/summary). The service builds it with
 * these types and the OpenAPI schema is generated from them (docs/api-reads.md, the contract).
 */

/** One stream of the summary: where it stood on the ledger's clock, and how many events were in effect. */
export interface SectionHead {
  stream: string;
  /** The stream's revision as the ledger knew it (knownAt); -1 when it had no events. */
  revision: number;
  /** Events folded: recorded by knownAt and in effect by asOf. */
  eventsApplied: number;
}

/** A rule a section's figures were decided under, as the decision that applied it recorded it. */
export interface SectionRule {
  ruleId: string;
  /** The policy's short name and clause: `panzhihua-2016-10 §(十二)`. */
  source: string;
  /** The clause's own words. */
  quote: string;
  /** `illustrative` (示例参数): the numbers are not the city's own, the pack's placeholders. */
  status: RuleStatus;
  /** The rule version's first day in force. */
  effectiveFrom: string;
}

/**
 * The clauses behind a section: every rule the decisions in effect in it applied (under the
 * same clocks as its figures), one per rule id, sorted by it; [] when its figures are recorded
 * facts that no rule decided. `illustrative` when one of them carried illustrative numbers.
 */
export interface SectionRules {
  rules: SectionRule[];
  illustrative: boolean;
}

/** A section outside the credential's categories: named, not shown. */
export interface HiddenSection {
  stream: string;
  visible: false;
}

export interface WorkerView {
  registered: boolean;
  /** Masked (张*) outside residence-office and public-security. */
  name: string | null;
  /** 身份证号, masked (5104**********1234) outside residence-office and public-security. */
  idNumber: string | null;
  phone: string | null;
  birthDate: string | null;
  hukouAreaCode: string | null;
  arrivalOn: string | null;
  education: NonNullable<WorkerState['education']> | null;
  skill: NonNullable<WorkerState['skill']> | null;
  certificates: WorkerState['certificates'];
  violations: WorkerState['violations'];
  settled: NonNullable<WorkerState['settled']> | null;
}

export interface PermitView {
  status: PermitState['status'];
  arrivalOn: string | null;
  /** The line is `***` outside residence-office and public-security. */
  address: NonNullable<PermitState['address']> | null;
  addressSince: string | null;
  appliedOn: string | null;
  ground: NonNullable<PermitState['ground']> | null;
  permitNumber: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  nextEndorsement: NonNullable<PermitState['nextEndorsement']> | null;
  continuousResidenceSince: string | null;
  suspendedOn: string | null;
  revokedOn: string | null;
  endorsements: PermitState['endorsements'];
}

export interface PointsView {
  status: PointsState['status'];
  round: NonNullable<PointsState['round']> | null;
  purpose: NonNullable<PointsState['purpose']> | null;
  assessedOn: string | null;
  total: number;
  gross: number;
  breakdown: PointsState['breakdown'];
  veto: NonNullable<PointsState['veto']> | null;
  suspendedOn: string | null;
}

export interface InsuranceTransferView {
  transferId: string;
  status: string;
  fromRegion: string;
  toRegion: string;
  fromScheme: string;
  toScheme: string;
  requestedOn: string;
  letterDue: string | null;
  completionDue: string | null;
  completedOn: string | null;
  rejectedOn: string | null;
}

export interface InsuranceView {
  /** Months paid per scheme (employee-pension: 47). */
  contributionMonths: Record<string, number>;
  enrolments: InsuranceState['enrolments'];
  /** Ids of the transfers not finished. */
  transfersInFlight: string[];
  transfers: InsuranceTransferView[];
}

export interface EmploymentView {
  unemployment: NonNullable<EmploymentState['unemployment']> | null;
  employment: NonNullable<EmploymentState['employment']> | null;
  publicPosts: { postId: string; employerId: string; startedOn: string }[];
  startupSubsidy: NonNullable<EmploymentState['startupSubsidy']> | null;
  guaranteedLoans: EmploymentState['guaranteedLoans'];
  legalAidCases: EmploymentState['legalAidCases'];
}

export interface HousingView {
  rental: NonNullable<HousingState['rental']> | null;
  homes: HousingState['homes'];
}

export interface SchoolingView {
  childId: string | null;
  birthDate: string | null;
  /** 卫健委's latest check of the 预防接种证: `complete`, or `gaps` with the vaccines missing. */
  vaccination: NonNullable<SchoolingState['vaccination']> | null;
  /** The vaccination record (证/卡 or 档案) opened for the child, and when. */
  vaccinationRecord: NonNullable<SchoolingState['vaccinationRecord']> | null;
  publicHealthCoveredFrom: string | null;
  /** The clauses behind the child's vaccination and basic public health (the `health.*` rules). */
  health: SectionRules;
  application: NonNullable<SchoolingState['application']> | null;
  enrolment: NonNullable<SchoolingState['enrolment']> | null;
  examYears: SchoolingState['examYears'];
}

export type WorkerSection = (SectionHead & SectionRules & WorkerView) | HiddenSection;
export type PermitSection = (SectionHead & SectionRules & PermitView) | HiddenSection;
export type PointsSection = (SectionHead & SectionRules & PointsView) | HiddenSection;
export type InsuranceSection = (SectionHead & SectionRules & InsuranceView) | HiddenSection;
export type EmploymentSection = (SectionHead & SectionRules & EmploymentView) | HiddenSection;
export type HousingSection = (SectionHead & SectionRules & HousingView) | HiddenSection;
/** `rules` / `illustrative`: the clauses behind the schooling (every rule but `health.*`, which are in `health`). */
export type ChildSection = SectionHead & SectionRules & SchoolingView;

/** A worker's whole picture (docs/architecture.md §1, 一窗式), under the two clocks of principle 9. */
export interface WorkerSummaryBody {
  workerId: string;
  /** The illustrative rules (示例参数) whose numbers the sections this credential reads were decided under, sorted. */
  illustrativeRules: string[];
  /** What was true in the world on this day (YYYY-MM-DD), or null for everything. */
  asOf: string | null;
  /** What the ledger knew at this instant (ISO 8601, microseconds), or null for everything. */
  knownAt: string | null;
  worker: WorkerSection;
  residencePermit: PermitSection;
  points: PointsSection;
  insurance: InsuranceSection;
  employment: EmploymentSection;
  housing: HousingSection;
  /** Each child found through the education read model, or hidden without schooling:read. */
  children: ChildSection[] | { visible: false };
}
