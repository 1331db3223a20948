import type { ZodType } from 'zod';

/** Parameter schemas of the housing rules, keyed by rule id. */
export const housingParams: Record<string, ZodType> = {};
