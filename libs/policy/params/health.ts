import type { ZodType } from 'zod';

/** Parameter schemas of the health rules, keyed by rule id. */
export const healthParams: Record<string, ZodType> = {};
