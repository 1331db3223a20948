/**
 * Values the employment packs key their parameters by. No imports: `libs/policy/params`
 * reads them too.
 */

/** Who a registration rule covers: any urban resident (panzhihua) or jobless 农民工 only (sanming). */
export const REGISTRATION_POPULATIONS = ['urban-resident', 'migrant-worker'] as const;
export type RegistrationPopulation = (typeof REGISTRATION_POPULATIONS)[number];

/** What a legal-aid application asks for (sanming-draft §18: 劳动报酬, 工伤事故人身损害赔偿, or anything else). */
export const LEGAL_AID_CLAIMS = ['wage-arrears', 'work-injury-damages', 'other'] as const;
export type LegalAidClaim = (typeof LEGAL_AID_CLAIMS)[number];

/** How wages reached the worker. */
export const PAYMENT_CHANNELS = ['bank', 'cash'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
