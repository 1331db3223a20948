import { z, type ZodType } from 'zod';
import { period } from '../schema';
import { noParams } from './common';

/** The grounds of national-663 第二条: 合法稳定就业、合法稳定住所、连续就读. */
export const PERMIT_GROUNDS = ['stable-job', 'stable-home', 'continuous-study'] as const;
export type PermitGround = (typeof PERMIT_GROUNDS)[number];

export const permitApplyConditionsParams = z
  .object({
    /** 居住半年以上: { months: 6 }. */
    minResidence: period,
    /** 以上 includes the figure (Civil Code art. 1259). */
    inclusive: z.boolean(),
    /** Any one of these suffices. */
    grounds: z.array(z.enum(PERMIT_GROUNDS)).min(1),
  })
  .strict();
export type PermitApplyConditionsParams = z.infer<typeof permitApplyConditionsParams>;

export const permitEndorseYearlyParams = z
  .object({
    /** 居住每满1年: one 签注 per this period of residence. */
    every: period,
    /** 之日前1个月内: the window before the anniversary in which the 签注 is on time. */
    windowBefore: period,
  })
  .strict();
export type PermitEndorseYearlyParams = z.infer<typeof permitEndorseYearlyParams>;

export const permitRestoreParams = z
  .object({
    /** Days after the anniversary a 签注 still counts as on time (a city's softening; national: 0). */
    graceDays: z.number().int().min(0).default(0),
  })
  .strict();
export type PermitRestoreParams = z.infer<typeof permitRestoreParams>;

/** Parameter schemas of the permit rules, keyed by rule id. */
export const permitParams: Record<string, ZodType> = {
  'permit.apply.conditions': permitApplyConditionsParams,
  'permit.endorse.yearly': permitEndorseYearlyParams,
  'permit.lapse': noParams,
  'permit.restore': permitRestoreParams,
  'permit.equal-services': noParams,
  'permit.tier-basis': noParams,
};
