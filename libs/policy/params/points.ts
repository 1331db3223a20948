import type { ZodType } from 'zod';

/** Parameter schemas of the points rules, keyed by rule id. */
export const pointsParams: Record<string, ZodType> = {};
