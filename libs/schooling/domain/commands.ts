import type { IsoDate } from '@ledger/kernel';
import type { DisabilityLevel, SchoolType } from '@ledger/policy/params/schooling';
import type { Attendance, CertificateState, ClassComposition, DeclineGround, SeatFees } from './events';

interface Command<T extends string, D> {
  type: T;
  data: D;
}

export type RegisterChild = Command<
  'RegisterChild',
  { childId: string; birthDate: IsoDate; parentWorkerIds: string[]; disability: DisabilityLevel; registeredOn: IsoDate }
>;

/** 卫健委 records its check of the 预防接种证. */
export type RecordVaccinationCheck = Command<
  'RecordVaccinationCheck',
  { verifiedOn: IsoDate; certificate: CertificateState; missingVaccines: string[] }
>;

export type OpenVaccinationRecord = Command<'OpenVaccinationRecord', { openedOn: IsoDate }>;

export type DecidePublicHealthCoverage = Command<'DecidePublicHealthCoverage', { decidedOn: IsoDate }>;

/** `grade` 1 is entry (the pack's school age applies); a higher grade is a transfer. */
export type ApplyForEnrollment = Command<
  'ApplyForEnrollment',
  { applicationId: string; appliedOn: IsoDate; schoolYear: number; grade: number; area?: string }
>;

/**
 * Decides as of the application date. `attendance` is the 教育局's assessment for a severely
 * disabled child who cannot attend (缓学/免学); regular when absent.
 */
export type DecideEnrollmentEligibility = Command<
  'DecideEnrollmentEligibility',
  { applicationId: string; attendance?: Attendance }
>;

export type OfferSeat = Command<
  'OfferSeat',
  {
    applicationId: string;
    schoolId: string;
    schoolType: SchoolType;
    classComposition: ClassComposition;
    fees: SeatFees;
    /** 教育局: a public seat was available to this child on the offer date. */
    publicSeatAvailable: boolean;
    /** The seat is paid for by the government (政府购买服务). */
    governmentFunded: boolean;
    offeredOn: IsoDate;
  }
>;

export type DeclineAdmission = Command<
  'DeclineAdmission',
  { applicationId: string; schoolId: string; ground: DeclineGround; declinedOn: IsoDate }
>;

export type Enroll = Command<'Enroll', { applicationId: string; enrolledOn: IsoDate }>;

/** The exam decided: the 小学毕业考试 (fengdu-2017-29 §四, the default) or a local 中考 / 高考 (shaoxing-2016-11 §(八)). */
export type ExamKind = 'primary-graduation' | 'zhongkao' | 'gaokao';

export type DecideExamEligibility = Command<'DecideExamEligibility', { examYear: number; decidedOn: IsoDate; exam?: ExamKind }>;

/**
 * fengdu-2017-29 §四 优先保障购房入户进城农民工随迁子女: a parent bought a home in the county and
 * moved the hukou there. Sent by the buyer-priority process manager with the facts it read from
 * the parent's housing and worker streams; the decision records them.
 */
export type GrantSettledBuyerPriority = Command<
  'GrantSettledBuyerPriority',
  { parentWorkerId: string; purchaseId: string; homePurchasedOn: IsoDate; hukouMovedOn?: IsoDate }
>;

export type SchoolingCommand =
  | GrantSettledBuyerPriority
  | RegisterChild
  | RecordVaccinationCheck
  | OpenVaccinationRecord
  | DecidePublicHealthCoverage
  | ApplyForEnrollment
  | DecideEnrollmentEligibility
  | OfferSeat
  | DeclineAdmission
  | Enroll
  | DecideExamEligibility;
