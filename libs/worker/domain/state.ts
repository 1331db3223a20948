import type { IsoDate } from '@ledger/kernel';
import type { HukouPlace } from './commands';
import { EDUCATION_LEVELS, EducationLevel, LandRight, SKILL_LEVELS, SkillLevel } from './levels';

export interface WorkerState {
  registered: boolean;
  workerId?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  birthDate?: IsoDate;
  hukouPlace?: HukouPlace;
  arrivalOn?: IsoDate;
  /** Highest education recorded. */
  education?: EducationLevel;
  /** Highest skill certificate recorded. */
  skill?: SkillLevel;
  certificates: string[];
  violations: { violationId: string; ground: string; occurredOn: IsoDate }[];
  settled?: { settledOn: IsoDate; settleAt: string; landRightsKept: LandRight[] };
  /** The day the hukou last moved to town: a 落户 granted here, or an 入户 public security recorded. */
  hukouMovedOn?: IsoDate;
}

export const initialWorkerState: WorkerState = { registered: false, certificates: [], violations: [] };

export function higherEducation(a: EducationLevel | undefined, b: EducationLevel): EducationLevel {
  return a && EDUCATION_LEVELS.indexOf(a) > EDUCATION_LEVELS.indexOf(b) ? a : b;
}

export function higherSkill(a: SkillLevel | undefined, b: SkillLevel): SkillLevel {
  return a && SKILL_LEVELS.indexOf(a) > SKILL_LEVELS.indexOf(b) ? a : b;
}
