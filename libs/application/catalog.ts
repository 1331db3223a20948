import type { Decider, DomainEvent } from '@ledger/kernel';
import { employerDecider, employmentDecider } from '@ledger/employment';
import { housingDecider } from '@ledger/housing';
import { insuranceDecider } from '@ledger/insurance';
import { permitDecider } from '@ledger/residence-permit';
import { pointsDecider } from '@ledger/points';
import { publicHealthDecider } from '@ledger/public-health';
import { schoolingDecider } from '@ledger/schooling';
import { workerDecider } from '@ledger/worker';
import type { CommandSpec } from './execute-command';
import { employmentFacts, housingFacts, pointsFacts, publicHealthFacts, schoolingFacts } from './facts';

/** The department that owns a stream (docs/architecture.md §2, streams). */
export type Department = 'public-security' | 'hrss' | 'housing' | 'education' | 'health' | 'migrant-services' | 'residence-office';

export interface ContextEntry {
  category: string;
  /** What the stream's id names. */
  subject: 'worker' | 'child' | 'employer';
  owner: Department;
  decider: Decider<never, DomainEvent, unknown, never>;
  commands: Record<string, { facts?: CommandSpec['facts']; writers?: Department[] }>;
}

const d = (decider: unknown) => decider as Decider<never, DomainEvent, unknown, never>;

/** Every command of every domain, by context. */
export const CONTEXTS: ContextEntry[] = [
  {
    category: 'worker',
    subject: 'worker',
    owner: 'residence-office',
    decider: d(workerDecider),
    commands: {
      RegisterWorker: {},
      ChangeContactDetails: {},
      RecordSkillCertificate: { writers: ['hrss'] },
      RecordEducation: { writers: ['education'] },
      RecordViolation: { writers: ['public-security'] },
      ApplyForSettlement: { writers: ['public-security'] },
      RecordHukouMove: { writers: ['public-security'] },
    },
  },
  {
    category: 'residence-permit',
    subject: 'worker',
    owner: 'public-security',
    decider: d(permitDecider),
    commands: {
      RegisterResidence: { writers: ['residence-office'] },
      CorrectArrivalDate: { writers: ['residence-office'] },
      ApplyForPermit: { writers: ['residence-office'] },
      // The counter that accepted the application hands over the permit (一窗式, docs/access.md):
      // docs/architecture.md §1 has the 派出所 / 社区服务站 counter issue and renew permits. A
      // 社区服务站 not commissioned to issue gets a credential narrowed without this scope.
      IssuePermit: { writers: ['residence-office'] },
      EndorsePermit: { writers: ['residence-office'] },
      RecordEndorsementLapse: {},
      ChangeAddress: { writers: ['residence-office'] },
      RevokePermit: {},
    },
  },
  {
    category: 'points',
    subject: 'worker',
    owner: 'migrant-services',
    decider: d(pointsDecider),
    commands: {
      AssessPoints: { facts: pointsFacts, writers: ['hrss'] }, AdjustPoints: { writers: ['hrss'] }, VetoPoints: {},
      SuspendPoints: {},
      ResumePoints: {},
      RecountContributions: { facts: pointsFacts },
    },
  },
  {
    category: 'insurance',
    subject: 'worker',
    owner: 'hrss',
    decider: d(insuranceDecider),
    commands: {
      RecordContributions: {},
      EnrolWorker: {},
      RequestTransfer: {},
      IssueTransferLetter: {},
      ReceiveTransferFunds: {},
      CompleteTransfer: {},
      RejectTransfer: {},
    },
  },
  {
    category: 'employment',
    subject: 'worker',
    owner: 'hrss',
    decider: d(employmentDecider),
    commands: {
      RegisterEmployment: {},
      RegisterUnemployment: { facts: employmentFacts },
      PlaceOnPublicPost: { facts: employmentFacts },
      GrantPublicPostSubsidy: {},
      GrantStartupSubsidy: {},
      GrantStartupJobsSubsidy: {},
      ApproveGuaranteedLoan: {},
      GrantAppraisalSubsidy: {},
      UpliftTrainingSubsidy: {},
      GrantTrainingAppraisalSubsidy: {},
      ApplyForLegalAid: {},
    },
  },
  {
    category: 'employer',
    subject: 'employer',
    owner: 'hrss',
    decider: d(employerDecider),
    commands: { RegisterSiteWorker: {}, RecordWagePayment: {}, AwardAgencyPlacement: {}, ApproveFirmGuaranteedLoan: {} },
  },
  {
    category: 'housing',
    subject: 'worker',
    owner: 'housing',
    decider: d(housingDecider),
    commands: {
      SubmitRentalApplication: { facts: housingFacts },
      DecideRentalEligibility: { facts: housingFacts },
      ReviewWaitlistEntry: { facts: housingFacts },
      AllocateUnit: {},
      SignLease: {},
      EndTenancy: {},
      RecordHomePurchase: { facts: housingFacts },
    },
  },
  {
    category: 'schooling',
    subject: 'child',
    owner: 'education',
    decider: d(schoolingDecider),
    commands: {
      RegisterChild: {},
      RecordVaccinationCheck: { writers: ['health'] },
      OpenVaccinationRecord: { facts: schoolingFacts, writers: ['health'] },
      DecidePublicHealthCoverage: { facts: schoolingFacts, writers: ['health'] },
      ApplyForEnrollment: { facts: schoolingFacts },
      DecideEnrollmentEligibility: { facts: schoolingFacts },
      OfferSeat: { facts: schoolingFacts },
      DeclineAdmission: { facts: schoolingFacts },
      Enroll: { facts: schoolingFacts },
      DecideExamEligibility: { facts: schoolingFacts },
      GrantSettledBuyerPriority: {},
    },
  },
  {
    category: 'public-health',
    subject: 'worker',
    owner: 'health',
    decider: d(publicHealthDecider),
    commands: {
      RecordPremaritalCheck: {},
      DecideWorkerPublicHealthCoverage: { facts: publicHealthFacts },
      OpenHealthRecord: { facts: publicHealthFacts },
    },
  },
];

/** One executable spec per command type. */
export const COMMAND_SPECS: ReadonlyMap<string, CommandSpec & { context: ContextEntry }> = new Map(
  CONTEXTS.flatMap((context) =>
    Object.entries(context.commands).map(([type, entry]) => [
      type,
      { category: context.category, decider: context.decider, facts: entry.facts, context },
    ]),
  ),
);
