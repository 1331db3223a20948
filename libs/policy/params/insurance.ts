import { z, type ZodType } from 'zod';
import { SCHEMES } from '@ledger/kernel';
import { period } from '../schema';

const schemes = z.array(z.enum(SCHEMES)).min(1);

export const siEnrolStableJobParams = z
  .object({
    /** The schemes an employer must enrol a worker with a stable labour relation in. */
    schemes,
  })
  .strict();
export type SiEnrolStableJobParams = z.infer<typeof siEnrolStableJobParams>;

export const siEnrolFlexibleParams = z
  .object({
    /** The schemes a flexible worker may choose to join (自愿选择参加); any subset. */
    schemes,
  })
  .strict();
export type SiEnrolFlexibleParams = z.infer<typeof siEnrolFlexibleParams>;

export const siTransferParams = z
  .object({
    /** A transfer is covered when both its source and its destination scheme are listed. */
    schemes,
  })
  .strict();
export type SiTransferParams = z.infer<typeof siTransferParams>;

export const siInjuryByProjectParams = z
  .object({
    /** The schemes a construction project enrols its workers in, per project. */
    schemes,
  })
  .strict();
export type SiInjuryByProjectParams = z.infer<typeof siInjuryByProjectParams>;

/** How transferred months count and how long a transfer may take: no seed states either (docs/policy-rules.md §3). */
export const siTransferTermsParams = z
  .object({
    /** Months paid in different places add up. */
    monthsAddAcrossRegions: z.boolean(),
    /** A month paid in two places counts once. */
    monthPaidTwiceCountsOnce: z.boolean(),
    /** From the request to the 联系函. */
    letterWithin: period,
    /** From the request to completion. */
    completeWithin: period,
  })
  .strict();
export type SiTransferTermsParams = z.infer<typeof siTransferTermsParams>;

/** Parameter schemas of the insurance rules, keyed by rule id. */
export const insuranceParams: Record<string, ZodType> = {
  'si.enrol.stable-job': siEnrolStableJobParams,
  'si.enrol.flexible': siEnrolFlexibleParams,
  'si.transfer.pension': siTransferParams,
  'si.transfer.medical': siTransferParams,
  'si.transfer.any': siTransferParams,
  'si.transfer.terms': siTransferTermsParams,
  'si.injury.by-project': siInjuryByProjectParams,
};
