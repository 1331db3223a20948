import type { ZodType } from 'zod';

/** Parameter schemas of the schooling rules, keyed by rule id. */
export const schoolingParams: Record<string, ZodType> = {};
