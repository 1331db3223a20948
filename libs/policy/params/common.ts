import { z } from 'zod';

/** Rules that state a principle and carry no numbers. */
export const noParams = z.object({}).strict();

export const commonParams: Record<string, z.ZodType> = {};
