import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { DisabilityLevel, SchoolType } from '@ledger/policy/params/schooling';

/** Stream `schooling-<childId>` (教育局, with 卫健委 for vaccination). Payloads: ids, dates, values. */
export const schoolingStream = (childId: string): string => `schooling-${childId}`;

export const CERTIFICATE_STATES = ['complete', 'gaps', 'missing'] as const;
/** What 卫健委 found: a complete 预防接种证, one with doses missing, or none at all. */
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

export const ATTENDANCE = ['regular', 'deferred', 'exempt'] as const;
/** 正常入学, 缓学 or 免学. */
export type Attendance = (typeof ATTENDANCE)[number];

export const CLASS_COMPOSITIONS = ['mixed', 'migrant-only'] as const;
export type ClassComposition = (typeof CLASS_COMPOSITIONS)[number];

export const VACCINATION_RECORD_KINDS = ['card', 'file', 'certificate'] as const;
/** 预防接种证(卡) (shaoxing), 预防接种档案 (fengdu), or the certificate local children get. */
export type VaccinationRecordKind = (typeof VACCINATION_RECORD_KINDS)[number];

export interface SeatFees {
  /** 择校费, in fen. */
  schoolChoiceFen: number;
  /** 借读费, in fen. */
  guestStudyFen: number;
}

export type ChildRegistered = DomainEvent<
  'ChildRegistered',
  { childId: string; birthDate: IsoDate; parentWorkerIds: string[]; disability: DisabilityLevel; registeredOn: IsoDate }
>;

/** 卫健委 checked the child's 预防接种证. A fact, not a decision. */
export type VaccinationVerified = DomainEvent<
  'VaccinationVerified',
  { verifiedOn: IsoDate; certificate: CertificateState; missingVaccines: string[] }
>;

export type VaccinationRecordOpened = DomainEvent<
  'VaccinationRecordOpened',
  { recordKind: VaccinationRecordKind; openedOn: IsoDate; decision: DecisionRecord }
>;

export type PublicHealthCoverageDecided = DomainEvent<
  'PublicHealthCoverageDecided',
  { coveredFrom: IsoDate; categories: number; decision: DecisionRecord }
>;

export type EnrollmentApplied = DomainEvent<
  'EnrollmentApplied',
  { applicationId: string; appliedOn: IsoDate; schoolYear: number; grade: number; area?: string }
>;

/** An eligible decision; a refusal is a value the API answers with and the stream never holds. */
export type EnrollmentEligibilityDecided = DomainEvent<
  'EnrollmentEligibilityDecided',
  {
    applicationId: string;
    assessedOn: IsoDate;
    /** fengdu-2017-29 §四: 购房入户 → priority in the ranking. */
    priority: boolean;
    /** The points a points-ranked admission (sanming-draft §8) ranks by, else null. */
    rankingPoints: number | null;
    attendance: Attendance;
    /** 送教上门 for a 缓学/免学 child (fengdu-2017-29 §四). */
    homeTeaching: boolean;
    decision: DecisionRecord;
  }
>;

export type SeatOffered = DomainEvent<
  'SeatOffered',
  {
    applicationId: string;
    schoolId: string;
    schoolType: SchoolType;
    classComposition: ClassComposition;
    fees: SeatFees;
    governmentFunded: boolean;
    offeredOn: IsoDate;
    decision: DecisionRecord;
  }
>;

export const DECLINE_GROUNDS = ['capacity', 'disability'] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

/** A school turned the offer down; the application is open for another seat. */
export type AdmissionDeclined = DomainEvent<
  'AdmissionDeclined',
  { applicationId: string; schoolId: string; ground: DeclineGround; declinedOn: IsoDate }
>;

export type Enrolled = DomainEvent<
  'Enrolled',
  {
    applicationId: string;
    schoolId: string;
    grade: number;
    enrolledOn: IsoDate;
    /** What the entry check found, or not-required where the pack has no entry check. */
    vaccinationCheck: CertificateState | 'not-required';
    decision: DecisionRecord;
  }
>;

/** fengdu-2017-29 §三: gaps found at entry → 补种; the seat is kept. */
export type VaccinationCatchUpReferred = DomainEvent<
  'VaccinationCatchUpReferred',
  {
    applicationId: string;
    certificate: 'gaps' | 'missing';
    missingVaccines: string[];
    referredOn: IsoDate;
    decision: DecisionRecord;
  }
>;

export type ExamEligibilityDecided = DomainEvent<
  'ExamEligibilityDecided',
  { examYear: number; exam: 'primary-graduation' | 'zhongkao' | 'gaokao'; schoolId: string; decidedOn: IsoDate; decision: DecisionRecord }
>;

/** The child ranks first from `grantedFrom` (fengdu-2017-29 §四), the day both conditions held. */
export type SettledBuyerPriorityGranted = DomainEvent<
  'SettledBuyerPriorityGranted',
  {
    parentWorkerId: string;
    purchaseId: string;
    homePurchasedOn: IsoDate;
    hukouMovedOn?: IsoDate;
    grantedFrom: IsoDate;
    decision: DecisionRecord;
  }
>;

export type SchoolingEvent =
  | SettledBuyerPriorityGranted
  | ChildRegistered
  | VaccinationVerified
  | VaccinationRecordOpened
  | PublicHealthCoverageDecided
  | EnrollmentApplied
  | EnrollmentEligibilityDecided
  | SeatOffered
  | AdmissionDeclined
  | Enrolled
  | VaccinationCatchUpReferred
  | ExamEligibilityDecided;

export type SchoolingEventType = SchoolingEvent['type'];
