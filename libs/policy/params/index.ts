import type { ZodType } from 'zod';
import { commonParams } from './common';
import { employmentParams } from './employment';
import { healthParams } from './health';
import { housingParams } from './housing';
import { insuranceParams } from './insurance';
import { permitParams } from './permit';
import { pointsParams } from './points';
import { schoolingParams } from './schooling';
import { settlementParams } from './settlement';

/**
 * Each rule id's parameter schema. A pack's rule must have one here: a rule no code reads is
 * a typo or a missing feature, and start-up says so. Each area keeps its own file.
 */
export const RULE_PARAMS: Record<string, ZodType> = {
  ...commonParams,
  ...permitParams,
  ...pointsParams,
  ...settlementParams,
  ...insuranceParams,
  ...employmentParams,
  ...housingParams,
  ...schoolingParams,
  ...healthParams,
};
