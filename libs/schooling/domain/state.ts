import type { IsoDate } from '@ledger/kernel';
import type { DisabilityLevel, SchoolType } from '@ledger/policy/params/schooling';
import type { Attendance, CertificateState, VaccinationRecordKind } from './events';

export type EnrollmentStatus = 'applied' | 'eligible' | 'offered' | 'enrolled';

export interface EnrollmentApplication {
  applicationId: string;
  appliedOn: IsoDate;
  schoolYear: number;
  grade: number;
  area?: string;
  status: EnrollmentStatus;
  attendance?: Attendance;
  offer?: { schoolId: string; schoolType: SchoolType };
}

export interface SchoolingState {
  child?: { childId: string; birthDate: IsoDate; parentWorkerIds: string[]; disability: DisabilityLevel };
  /** The latest check by 卫健委. */
  vaccination?: { verifiedOn: IsoDate; certificate: CertificateState; missingVaccines: string[] };
  vaccinationRecord?: { recordKind: VaccinationRecordKind; openedOn: IsoDate };
  publicHealthCoveredFrom?: IsoDate;
  application?: EnrollmentApplication;
  enrolment?: { schoolId: string; grade: number; enrolledOn: IsoDate };
  examYears: number[];
  /** fengdu-2017-29 §四: ranks first in admissions applied for on or after `from`. */
  settledBuyerPriority?: { parentWorkerId: string; from: IsoDate };
}

export const initialSchoolingState: SchoolingState = { examYears: [] };
