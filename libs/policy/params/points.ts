import { z, type ZodType } from 'zod';
import { EDUCATION_LEVELS, SKILL_LEVELS } from '@ledger/kernel';

const points = z.number().int().min(0);
const perFullYear = z.object({ perFullYear: points, cap: points }).strict();

export const pointsFactorsParams = z
  .object({
    /** Per full year of continuous residence on a permit, up to the cap. */
    permit: perFullYear,
    /** Per full year (12 months) of social-insurance contributions, up to the cap. */
    contributions: perFullYear,
    /** Highest education only; levels not listed score 0. */
    education: z.partialRecord(z.enum(EDUCATION_LEVELS), points),
    /** Highest skill certificate only; levels not listed score 0. */
    skill: z.partialRecord(z.enum(SKILL_LEVELS), points),
    homeOwned: points,
    /** Deducted per recorded violation. */
    perViolation: points,
    /** The total never goes below this. */
    floor: points,
    /** How equal totals are ordered. */
    tieBreak: z.enum(['earlier-permit']),
    /** Grounds that veto the assessment outright (一票否决). */
    vetoGrounds: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type PointsFactorsParams = z.infer<typeof pointsFactorsParams>;

export const pointsServicesByPointsParams = z.object({}).strict();

export const pointsSchoolAdmissionParams = z
  .object({
    /** Where seats are ranked by points: 三元区中心城区. */
    area: z.string().min(1),
    /** 小学. */
    stage: z.string().min(1),
  })
  .strict();
export type PointsSchoolAdmissionParams = z.infer<typeof pointsSchoolAdmissionParams>;

/** Parameter schemas of the points rules, keyed by rule id. */
export const pointsParams: Record<string, ZodType> = {
  'points.factors': pointsFactorsParams,
  'points.services-by-points': pointsServicesByPointsParams,
  'points.school-admission': pointsSchoolAdmissionParams,
};
