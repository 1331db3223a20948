import { z } from 'zod';
import { isIsoDate } from '@ledger/kernel';

export const isoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');

/** A duration as the seeds state it (半年 = { months: 6 }). */
export const period = z
  .object({ years: z.number().int().min(0).optional(), months: z.number().int().min(0).optional(), days: z.number().int().min(0).optional() })
  .strict()
  .refine((p) => (p.years ?? 0) + (p.months ?? 0) + (p.days ?? 0) > 0, 'a period needs years, months or days');

/** Money is integer fen (1 元 = 100 fen). */
export const fen = z.number().int().min(0);

export const ruleStatus = z.enum(['in-force', 'draft', 'illustrative']);

export const ruleVersionSchema = z
  .object({
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/, 'dotted lower-case id like permit.apply.conditions'),
    /** Short name and clause: `sanming-draft §9`. */
    source: z.string().min(3),
    sourceType: z.enum(['seed', 'national', 'city']).default('seed'),
    /** The exact phrase of the source, at most 40 characters. */
    quote: z.string().min(1).max(40),
    status: ruleStatus,
    /** Where the numbers come from when the source states none. */
    paramsSource: z.string().optional(),
    note: z.string().optional(),
    versions: z.array(ruleVersionSchema).min(1),
  })
  .strict();

export const rulesFileSchema = z.object({ rules: z.array(ruleSchema) }).strict();

export const sourceSchema = z
  .object({
    title: z.string(),
    issuer: z.string().optional(),
    number: z.string().optional(),
    date: isoDate.optional(),
    type: z.enum(['seed', 'national', 'city']),
    status: z.enum(['issued', 'draft', 'in-force']),
  })
  .strict();

export const manifestSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.string().min(1),
    jurisdiction: z.string(),
    name: z.string(),
    extends: z.string().optional(),
    effectiveFrom: isoDate,
    /** Only these people are covered (fengdu: 购房进城农民工). */
    population: z.string().optional(),
    sources: z.record(z.string(), sourceSchema).default({}),
  })
  .strict();

export type RuleDefinition = z.infer<typeof ruleSchema>;
export type PackManifest = z.infer<typeof manifestSchema>;
