import { z, type ZodType } from 'zod';
import { fen, period } from '../schema';

/** A residence threshold: 居住3个月以上, 居住半年以上 (以上 includes the figure). */
const residenceThreshold = z.object({ minResidence: period, inclusive: z.boolean() }).strict();

/** shaoxing-2016-11 §(九): resident 3 months → 预防接种证(卡). */
export const healthVaccinationCardParams = residenceThreshold;
export type HealthVaccinationCardParams = z.infer<typeof healthVaccinationCardParams>;

/**
 * fengdu-2017-29 §三: home buyer's child aged 0–6 → 预防接种档案. Ages are full years (周岁):
 * maxAge 6 covers a child up to the day before the seventh birthday.
 */
export const healthVaccinationFileParams = z
  .object({
    maxAge: z.number().int().min(0),
    population: z.literal('home-buyers'),
  })
  .strict();
export type HealthVaccinationFileParams = z.infer<typeof healthVaccinationFileParams>;

/** Same immunisation as local children: no migrant-only condition. */
export const healthVaccinationEqualParams = z.object({}).strict();

/** fengdu-2017-29 §三: entry checks the certificate; gaps → 补种, the seat is kept. */
export const healthVaccinationEntryCheckParams = z
  .object({
    onGaps: z.literal('catch-up'),
    seatKept: z.literal(true),
  })
  .strict();
export type HealthVaccinationEntryCheckParams = z.infer<typeof healthVaccinationEntryCheckParams>;

/** panzhihua-2016-10 §(十四): resident half a year → 12 categories of basic public health. */
export const healthBasicPublicParams = residenceThreshold.extend({ categories: z.number().int().min(1) }).strict();
export type HealthBasicPublicParams = z.infer<typeof healthBasicPublicParams>;

export const PREMARITAL_SERVICES = ['premarital', 'pre-pregnancy'] as const;
export type PremaritalService = (typeof PREMARITAL_SERVICES)[number];

/** panzhihua-2016-10 §(十四): 免费 premarital and pre-pregnancy checks. */
export const healthPremaritalFreeParams = z
  .object({
    services: z.array(z.enum(PREMARITAL_SERVICES)).min(1),
    feeFen: fen,
  })
  .strict();
export type HealthPremaritalFreeParams = z.infer<typeof healthPremaritalFreeParams>;

/** Parameter schemas of the health rules, keyed by rule id. */
/** fengdu-2017-29 §三: a 健康档案 for workers who bought a home in the county. */
export const healthRecordHomeBuyerParams = z.object({ population: z.literal('home-buyers') }).strict();
export type HealthRecordHomeBuyerParams = z.infer<typeof healthRecordHomeBuyerParams>;

export const healthParams: Record<string, ZodType> = {
  'health.record.home-buyer': healthRecordHomeBuyerParams,
  'health.vaccination.card': healthVaccinationCardParams,
  'health.vaccination.file': healthVaccinationFileParams,
  'health.vaccination.equal': healthVaccinationEqualParams,
  'health.vaccination.entry-check': healthVaccinationEntryCheckParams,
  'health.basic-public': healthBasicPublicParams,
  'health.premarital.free': healthPremaritalFreeParams,
};
