import { z, type ZodType } from 'zod';
import { LEGAL_AID_CLAIMS, REGISTRATION_POPULATIONS, SCHEMES, SKILL_LEVELS } from '@ledger/kernel';
import { fen, period } from '../schema';
import { noParams } from './common';

const positiveFen = fen.refine((n) => n > 0, 'must be more than 0 fen');
const percent = z.number().int().min(0).max(1000);

export const unemploymentRegistrationParams = z
  .object({
    /** 居住半年以上: { months: 6 }. */
    minResidence: period,
    /** 以上 includes the figure (Civil Code art. 1259). */
    inclusive: z.boolean(),
    /** panzhihua: 城镇常住人口 (anyone); sanming: 失业农民工 only. */
    population: z.enum(REGISTRATION_POPULATIONS),
  })
  .strict();
export type UnemploymentRegistrationParams = z.infer<typeof unemploymentRegistrationParams>;

export const publicPostParams = z
  .object({
    /** The employer's contributions the subsidy refunds (基本养老保险、基本医疗保险、失业保险). */
    subsidisedContributions: z.array(z.enum(SCHEMES)).min(1),
  })
  .strict();
export type PublicPostParams = z.infer<typeof publicPostParams>;

/** The local monthly minimum wage: set by the province, stated by no seed. */
export const minimumStandardParams = z.object({ monthlyFen: positiveFen }).strict();
export type MinimumStandardParams = z.infer<typeof minimumStandardParams>;

export const startupSubsidyParams = z
  .object({
    /** 正常经营1年以上. */
    minRunning: period,
    inclusive: z.boolean(),
    /** 不超过1万元. */
    maxFen: positiveFen,
    /** 首次创业: a second venture gets nothing. */
    firstVentureOnly: z.boolean(),
  })
  .strict();
export type StartupSubsidyParams = z.infer<typeof startupSubsidyParams>;

export const startupJobsParams = z.object({ totalMaxFen: positiveFen }).strict();
export type StartupJobsParams = z.infer<typeof startupJobsParams>;

export const agencyPlacementParams = z.object({ perPersonFen: positiveFen, totalMaxFen: positiveFen }).strict();
export type AgencyPlacementParams = z.infer<typeof agencyPlacementParams>;

export const personLoanParams = z.object({ maxFen: positiveFen }).strict();
export type PersonLoanParams = z.infer<typeof personLoanParams>;

export const firmLoanParams = z
  .object({
    /** Eligible hires this year as a share of current staff: 15%. */
    hirePercent: percent,
    /** 超100人: firms with more staff than this use the lower share. */
    largeFirmStaffAbove: z.number().int().min(0),
    /** 8%. */
    largeFirmHirePercent: percent,
    /** 最高不超过300万元. */
    maxFen: positiveFen,
  })
  .strict();
export type FirmLoanParams = z.infer<typeof firmLoanParams>;

export const appraisalParams = z
  .object({ minFen: positiveFen, maxFen: positiveFen })
  .strict()
  .refine((p) => p.minFen <= p.maxFen, 'minFen must not exceed maxFen');
export type AppraisalParams = z.infer<typeof appraisalParams>;

export const appraisalGradesParams = z
  .object({
    /** The subsidy per 国家职业资格等级; a level not listed gets none. */
    bySkillLevel: z.partialRecord(z.enum(SKILL_LEVELS), positiveFen),
  })
  .strict();
export type AppraisalGradesParams = z.infer<typeof appraisalGradesParams>;

export const shortageUpliftParams = z.object({ upliftPercent: percent }).strict();
export type ShortageUpliftParams = z.infer<typeof shortageUpliftParams>;

export const trainingAppraisalParams = z.object({ maxFenPerPerson: positiveFen }).strict();
export type TrainingAppraisalParams = z.infer<typeof trainingAppraisalParams>;

export const legalAidParams = z
  .object({
    /** Claims for which the means test (经济困难审查) is waived. */
    claims: z.array(z.enum(LEGAL_AID_CLAIMS)).min(1),
  })
  .strict();
export type LegalAidParams = z.infer<typeof legalAidParams>;

/** Parameter schemas of the employment, subsidy, wage and legal-aid rules, keyed by rule id. */
export const employmentParams: Record<string, ZodType> = {
  'unemployment.registration.min-residence': unemploymentRegistrationParams,
  'employment.registration': noParams,
  'unemployment.public-post': publicPostParams,
  'wages.minimum-standard': minimumStandardParams,
  'subsidy.startup': startupSubsidyParams,
  'subsidy.startup-jobs': startupJobsParams,
  'subsidy.agency-placement': agencyPlacementParams,
  'loan.guarantee.person': personLoanParams,
  'loan.guarantee.firm': firmLoanParams,
  'subsidy.appraisal': appraisalParams,
  'subsidy.appraisal.grades': appraisalGradesParams,
  'subsidy.shortage-uplift': shortageUpliftParams,
  'subsidy.training-appraisal': trainingAppraisalParams,
  'wages.real-name.site': noParams,
  'wages.real-name.pay': noParams,
  'wages.bank-paid': noParams,
  'wages.minimum': noParams,
  'legal-aid.wage-claim': legalAidParams,
};
