import type { Projection } from '@ledger/projections';
import { auditProjection } from './audit/audit.projection';
import { educationProjection } from './education/education.projection';
import { healthProjection } from './health/health.projection';
import { housingProjection } from './housing/housing.projection';
import { hrssProjection } from './hrss/hrss.projection';
import { pointsProjection } from './points/points.projection';
import { publicSecurityProjection } from './public-security/public-security.projection';

export * from './shared';
export { auditProjection, educationProjection, healthProjection, housingProjection, hrssProjection, pointsProjection, publicSecurityProjection };
export * as publicSecurityQueries from './public-security/queries';
export * as hrssQueries from './hrss/queries';
export * as pointsQueries from './points/queries';
export * as housingQueries from './housing/queries';
export * as educationQueries from './education/queries';
export * as healthQueries from './health/queries';
export * as auditQueries from './audit/queries';

/** The seven department read models of docs/architecture.md §2, one PostgreSQL schema each. */
export const DEPARTMENT_PROJECTIONS: Projection[] = [
  publicSecurityProjection,
  hrssProjection,
  pointsProjection,
  housingProjection,
  educationProjection,
  healthProjection,
  auditProjection,
];
