/**
 * Values the employment packs key their parameters by. Those `libs/policy/params` reads too
 * live in the kernel (libs/kernel/vocabularies.ts) and are re-exported here.
 */
export { LEGAL_AID_CLAIMS, REGISTRATION_POPULATIONS } from '@ledger/kernel';
export type { LegalAidClaim, RegistrationPopulation } from '@ledger/kernel';

/** How wages reached the worker. */
export const PAYMENT_CHANNELS = ['bank', 'cash'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
