import type { ZodType } from 'zod';

/** Parameter schemas of the settlement rules, keyed by rule id. */
export const settlementParams: Record<string, ZodType> = {};
