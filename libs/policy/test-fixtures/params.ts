import { z } from 'zod';
import { noParams } from '../params/common';

/**
 * Parameter schemas for the fixture packs' `fixture.*` rule ids, passed to `loadPack` as
 * `paramSchemas` so the loader's tests do not depend on the domains' real rules.
 */
export const FIXTURE_PARAMS: Record<string, z.ZodType> = {
  'fixture.limit': z.object({ limit: z.number().int().min(0) }).strict(),
  'fixture.window': noParams,
  'fixture.principle': noParams,
  'fixture.points-table': z.object({ perYear: z.number().int(), cap: z.number().int() }).strict(),
};
