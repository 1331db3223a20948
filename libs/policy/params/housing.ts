import { z, type ZodType } from 'zod';
import { period } from '../schema';

/** sanming-draft §9: 在明工作满3年. */
export const housingRentalMinWorkYearsParams = z
  .object({
    minWork: period,
    /** 满 includes the figure (Civil Code art. 1259). */
    inclusive: z.boolean(),
    /**
     * Whether separate spells of work in the city add up (true) or only the current
     * uninterrupted spell counts (false). The seed says 满3年, not 连续满3年.
     */
    accumulate: z.boolean(),
  })
  .strict();
export type HousingRentalMinWorkYearsParams = z.infer<typeof housingRentalMinWorkYearsParams>;

/** panzhihua-2016-10 §(十五): 稳定就业并居住一定年限; the numbers are not in the seed. */
export const housingRentalStableEmploymentParams = z
  .object({
    /** Unbroken social-insurance contributions up to the application, as evidence of a stable job. */
    minContinuousContributions: period,
    /** Continuous residence on the permit (restarted by a late 签注, national-663 第十条). */
    minResidence: period,
    inclusive: z.boolean(),
  })
  .strict();
export type HousingRentalStableEmploymentParams = z.infer<typeof housingRentalStableEmploymentParams>;

export const TAX_RELIEFS = ['deed-tax', 'stamp-duty'] as const;
export type TaxRelief = (typeof TAX_RELIEFS)[number];

/** panzhihua-2016-10 §(十五): which taxes are relieved; the seed states no rate, so none is kept. */
export const housingPurchaseTaxReliefParams = z
  .object({
    taxes: z.array(z.enum(TAX_RELIEFS)).min(1),
  })
  .strict();
export type HousingPurchaseTaxReliefParams = z.infer<typeof housingPurchaseTaxReliefParams>;

/** sanming-draft §9: 对在市区就业外来人才家庭配售限价房. */
export const housingPriceCappedParams = z
  .object({
    /** Where the family must work: 市区. */
    area: z.string().min(1),
  })
  .strict();
export type HousingPriceCappedParams = z.infer<typeof housingPriceCappedParams>;

/** Parameter schemas of the housing rules, keyed by rule id. */
export const housingParams: Record<string, ZodType> = {
  'housing.rental.min-work-years': housingRentalMinWorkYearsParams,
  'housing.rental.stable-employment': housingRentalStableEmploymentParams,
  'housing.purchase.tax-relief': housingPurchaseTaxReliefParams,
  'housing.price-capped': housingPriceCappedParams,
};
