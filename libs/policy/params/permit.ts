import type { ZodType } from 'zod';

/** Parameter schemas of the permit rules, keyed by rule id. */
export const permitParams: Record<string, ZodType> = {};
