import type { ZodType } from 'zod';

/** Parameter schemas of the employment rules, keyed by rule id. */
export const employmentParams: Record<string, ZodType> = {};
