import { z, type ZodType } from 'zod';
import { LAND_RIGHTS } from '@ledger/kernel';
import { noParams } from './common';

export const settlementNoLandConditionParams = z
  .object({
    /** Rights whose surrender may never be a condition of settling (土地承包经营权、宅基地使用权、集体经济收益分配权). */
    protectedRights: z.array(z.enum(LAND_RIGHTS)).min(1),
  })
  .strict();
export type SettlementNoLandConditionParams = z.infer<typeof settlementNoLandConditionParams>;

export const landRightsKeptParams = z
  .object({
    /** Rights in the home village that settling in town does not end (土地承包经营权、林权…). */
    keptRights: z.array(z.enum(LAND_RIGHTS)).min(1),
  })
  .strict();
export type LandRightsKeptParams = z.infer<typeof landRightsKeptParams>;

/** Parameter schemas of the settlement rules, keyed by rule id. */
export const settlementParams: Record<string, ZodType> = {
  'settlement.open': noParams,
  'settlement.no-land-condition': settlementNoLandConditionParams,
  'land.rights-kept': landRightsKeptParams,
};
