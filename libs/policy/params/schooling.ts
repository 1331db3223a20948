import { z, type ZodType } from 'zod';

/** Fees a school may charge a pupil; the first two are the ones panzhihua-2016-10 §(十三) forbids. */
export const SCHOOL_FEES = ['school-choice', 'guest-study'] as const;
export type SchoolFee = (typeof SCHOOL_FEES)[number];

export const SCHOOL_TYPES = ['public', 'private-nonprofit'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const DISABILITY_LEVELS = ['none', 'mild', 'moderate', 'severe'] as const;
export type DisabilityLevel = (typeof DISABILITY_LEVELS)[number];

/** panzhihua-2016-10 §(十三): 确保…100%入学. */
export const schoolAdmissionGuaranteeParams = z.object({ sharePercent: z.number().int().min(0).max(100) }).strict();
export type SchoolAdmissionGuaranteeParams = z.infer<typeof schoolAdmissionGuaranteeParams>;

/** panzhihua-2016-10 §(十三): 三免一补 as hukou pupils; 择校费, 借读费 must be 0. */
export const schoolFeesEqualParams = z
  .object({
    forbiddenFees: z.array(z.enum(SCHOOL_FEES)).min(1),
    /** The hukou pupils' benefits the migrant child shares. */
    sameAsHukouPupils: z.literal('三免一补'),
  })
  .strict();
export type SchoolFeesEqualParams = z.infer<typeof schoolFeesEqualParams>;

/** shaoxing-2016-11 §(八): 入学与居住证挂钩; the terms are not in the seed. */
export const schoolAdmissionPermitLinkParams = z
  .object({
    /** Whose permit, and on which date it must be valid. */
    parentPermitValidOn: z.enum(['application-date']),
  })
  .strict();
export type SchoolAdmissionPermitLinkParams = z.infer<typeof schoolAdmissionPermitLinkParams>;

/** 两为主: the receiving government, public schools first. */
export const schoolPublicFirstParams = z
  .object({
    /** Whose children the clause covers: every migrant worker's, or only home buyers' (fengdu). */
    population: z.enum(['all-migrant-workers', 'home-buyers']),
  })
  .strict();
export type SchoolPublicFirstParams = z.infer<typeof schoolPublicFirstParams>;

/** shaoxing-2016-11 §(八): no public seat → a government-bought seat in a 公益性民办 school. */
export const schoolPrivateFallbackParams = z
  .object({
    schoolType: z.literal('private-nonprofit'),
    funding: z.literal('government-purchase'),
  })
  .strict();
export type SchoolPrivateFallbackParams = z.infer<typeof schoolPrivateFallbackParams>;

/** No migrant-only classes, in the school types the clause names. */
export const schoolMixedClassParams = z.object({ schoolTypes: z.array(z.enum(SCHOOL_TYPES)).min(1) }).strict();
export type SchoolMixedClassParams = z.infer<typeof schoolMixedClassParams>;

/** fengdu-2017-29 §四: 购房入户 (bought a home and moved the hukou) → priority. */
export const schoolPrioritySettledBuyerParams = z
  .object({ requires: z.array(z.enum(['home-purchased', 'hukou-moved'])).min(1) })
  .strict();
export type SchoolPrioritySettledBuyerParams = z.infer<typeof schoolPrioritySettledBuyerParams>;

/** fengdu-2017-29 §四: never refused; these levels may be 缓学/免学 with 送教上门. */
export const schoolDisabilityNoRefusalParams = z
  .object({ homeTeachingLevels: z.array(z.enum(DISABILITY_LEVELS)).min(1) })
  .strict();
export type SchoolDisabilityNoRefusalParams = z.infer<typeof schoolDisabilityNoRefusalParams>;

/** fengdu-2017-29 §四: 小学毕业考试 in the school attended. */
export const schoolExamAttendedSchoolParams = z.object({ exam: z.literal('primary-graduation') }).strict();
export type SchoolExamAttendedSchoolParams = z.infer<typeof schoolExamAttendedSchoolParams>;

/** The local entrance exams a migrant pupil may sit where they study (shaoxing-2016-11 §(八) 中考、高考). */
export const LOCAL_EXAMS = ['zhongkao', 'gaokao'] as const;
export const schoolExamLocalParams = z
  .object({ exams: z.array(z.enum(LOCAL_EXAMS)).min(1), requires: z.literal('enrolled-in-city') })
  .strict();
export type SchoolExamLocalParams = z.infer<typeof schoolExamLocalParams>;

/**
 * School entry age and cut-off (e.g. 6 by 08-31). No seed states them and docs/policy-rules.md §3 gives
 * no default, so no shipped pack has this rule: a city adds it in its own pack, and until it
 * does a first-grade application is refused for want of it.
 */
export const schoolAdmissionAgeParams = z
  .object({
    entryAge: z.number().int().min(3).max(9),
    /** MM-DD: the child must have reached entryAge on this day of the school year's first year. */
    cutOff: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD'),
  })
  .strict();
export type SchoolAdmissionAgeParams = z.infer<typeof schoolAdmissionAgeParams>;

/** Parameter schemas of the schooling rules, keyed by rule id. */
export const schoolingParams: Record<string, ZodType> = {
  'school.admission.guarantee': schoolAdmissionGuaranteeParams,
  'school.fees.equal': schoolFeesEqualParams,
  'school.admission.permit-link': schoolAdmissionPermitLinkParams,
  'school.public-first': schoolPublicFirstParams,
  'school.private-fallback': schoolPrivateFallbackParams,
  'school.mixed-class': schoolMixedClassParams,
  'school.priority.settled-buyer': schoolPrioritySettledBuyerParams,
  'school.disability.no-refusal': schoolDisabilityNoRefusalParams,
  'school.exam.attended-school': schoolExamAttendedSchoolParams,
  'school.exam.local': schoolExamLocalParams,
  'school.admission.age': schoolAdmissionAgeParams,
};
