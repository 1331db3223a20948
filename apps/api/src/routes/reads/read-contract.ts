import type {
  auditQueries,
  educationQueries,
  healthQueries,
  housingQueries,
  hrssQueries,
  Page,
  pointsQueries,
  publicSecurityQueries,
} from '@ledger/read-models';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { DecisionExplanation } from '@ledger/audit';
import type { HealthReport } from '../../health/health.controller';
import type { AccessLogPage } from '../../security/access-log.controller';
import type { AuditPublicKey, ConsistencyProof, InclusionProof } from '../audit/audit-log.controller';
import type { SubjectRefusals } from '../audit/refusals.controller';
import type { Redecision } from '@ledger/application';
import type { FeedPage } from './feed.service';
import type { SessionAnswer } from './session.controller';
import type {
  AuditStatistics,
  ChildSchooling,
  ChildVaccinations,
  EducationStatistics,
  HealthStatistics,
  HousingStatistics,
  HrssStatistics,
  PermitWithEndorsements,
  PointsStatistics,
  PublicSecurityStatistics,
  StreamEvents,
  StreamVerification,
  WorkerHousing,
  WorkerInsurance,
  WorkerPoints,
} from './queries';
import type { WorkerSearchResult } from './queries/workers/search-workers.query';
import type { WorkerSummaryBody } from './queries/workers/worker-summary.types';

/**
 * The read side's contract: each read route's operation id (its query class) and the body it
 * answers, the type its handler returns. `npm run openapi:read-schemas` generates
 * read-schemas.generated.json from this interface (ts-json-schema-generator), and
 * test/api/openapi-client.spec.ts checks the file is up to date, so the OpenAPI schemas cannot
 * drift from the handlers' types. The other JSON answers a GET gives (the session, the audit log,
 * health and the probes) are listed here too, by the type their handler is declared to return.
 */
export interface ReadResults {
  GetStreamEvents: StreamEvents;
  VerifyStream: StreamVerification;
  GetWorkerSummary: WorkerSummaryBody;
  SearchWorkers: WorkerSearchResult;
  GetFeedPage: FeedPage;
  GetPermit: PermitWithEndorsements;
  ListPermits: Page<publicSecurityQueries.PermitRow>;
  ListEndorsementsDue: Page<publicSecurityQueries.PermitRow>;
  GetPublicSecurityStatistics: PublicSecurityStatistics;
  ListTransfersInFlight: Page<hrssQueries.TransferRow>;
  GetWorkerInsurance: WorkerInsurance;
  GetHrssStatistics: HrssStatistics;
  RankPointsRound: Page<pointsQueries.RankedRow>;
  GetWorkerPoints: WorkerPoints;
  GetPointsStatistics: PointsStatistics;
  ListWaitlist: Page<housingQueries.WaitlistRow>;
  GetWorkerHousing: WorkerHousing;
  GetHousingStatistics: HousingStatistics;
  ListEnrollments: Page<educationQueries.EnrollmentApplicationRow>;
  RankEnrollments: Page<educationQueries.RankedApplicationRow>;
  GetChildSchooling: ChildSchooling;
  GetEducationStatistics: EducationStatistics;
  GetChildVaccinations: ChildVaccinations;
  ListCatchUp: Page<healthQueries.ChildHealthRow>;
  GetHealthStatistics: HealthStatistics;
  ListDecisions: Page<auditQueries.DecisionRow>;
  GetAuditStatistics: AuditStatistics;
  GetSession: SessionAnswer;
  ListAccessLog: AccessLogPage;
  GetAuditPublicKey: AuditPublicKey;
  GetInclusionProof: InclusionProof;
  GetConsistencyProof: ConsistencyProof;
  ExplainDecision: DecisionExplanation;
  ListRefusals: SubjectRefusals;
  GetHealth: HealthReport;
  GetLiveness: HealthCheckResult;
  GetReadiness: HealthCheckResult;
  /** The auditors' re-decision of a past decision (routes/audit, docs/audit.md): not a read model, but typed the same way. */
  GetDecisionRedecision: Redecision;
}

export type ReadOperation = keyof ReadResults;
