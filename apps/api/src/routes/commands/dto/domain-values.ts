import type { EnrolWorker } from '@ledger/insurance/domain/commands';
import type { AdjustPoints, PointsPurpose } from '@ledger/points/domain/commands';
import type { RevocationReason } from '@ledger/residence-permit/domain/commands';
import { allValuesOf } from './common';

/*
 * Values of unions the domains declare only as types; `allValuesOf` fails the build when a
 * domain adds a member these lists lack.
 */
export const REVOCATION_REASONS = allValuesOf<RevocationReason>()([
  'moved-away',
  'settled-locally',
  'obtained-by-fraud',
]);
export const POINTS_PURPOSES = allValuesOf<PointsPurpose>()(['public-services', 'school-admission']);
export const ADJUSTMENT_KINDS = allValuesOf<AdjustPoints['data']['kind']>()([
  'violation-deduction',
  'violation-annulled',
]);
export const ENROLMENT_BASES = allValuesOf<EnrolWorker['data']['basis']>()([
  'stable-job',
  'flexible',
  'construction-project',
]);
