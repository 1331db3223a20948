import type { ZodType } from 'zod';

/** Parameter schemas of the insurance rules, keyed by rule id. */
export const insuranceParams: Record<string, ZodType> = {};
