import { GetAuditStatisticsHandler } from './audit/get-audit-statistics.handler';
import { ListDecisionsHandler } from './audit/list-decisions.handler';
import { GetChildSchoolingHandler } from './education/get-child-schooling.handler';
import { GetEducationStatisticsHandler } from './education/get-education-statistics.handler';
import { ListEnrollmentsHandler } from './education/list-enrollments.handler';
import { RankEnrollmentsHandler } from './education/rank-enrollments.handler';
import { GetFeedPageHandler } from './feed/get-feed-page.handler';
import { GetChildVaccinationsHandler } from './health/get-child-vaccinations.handler';
import { GetHealthStatisticsHandler } from './health/get-health-statistics.handler';
import { ListCatchUpHandler } from './health/list-catch-up.handler';
import { GetHousingStatisticsHandler } from './housing/get-housing-statistics.handler';
import { GetWorkerHousingHandler } from './housing/get-worker-housing.handler';
import { ListWaitlistHandler } from './housing/list-waitlist.handler';
import { GetHrssStatisticsHandler } from './hrss/get-hrss-statistics.handler';
import { GetWorkerInsuranceHandler } from './hrss/get-worker-insurance.handler';
import { ListTransfersInFlightHandler } from './hrss/list-transfers-in-flight.handler';
import { GetPointsStatisticsHandler } from './points/get-points-statistics.handler';
import { GetWorkerPointsHandler } from './points/get-worker-points.handler';
import { RankPointsRoundHandler } from './points/rank-points-round.handler';
import { GetPermitHandler } from './public-security/get-permit.handler';
import { GetPublicSecurityStatisticsHandler } from './public-security/get-public-security-statistics.handler';
import { ListEndorsementsDueHandler } from './public-security/list-endorsements-due.handler';
import { ListPermitsHandler } from './public-security/list-permits.handler';
import { GetStreamEventsHandler } from './streams/get-stream-events.handler';
import { VerifyStreamHandler } from './streams/verify-stream.handler';
import { GetWorkerSummaryHandler } from './workers/get-worker-summary.handler';
import { SearchWorkersHandler } from './workers/search-workers.handler';

export * from './audit/get-audit-statistics.query';
export * from './audit/list-decisions.query';
export * from './education/get-child-schooling.query';
export * from './education/get-education-statistics.query';
export * from './education/list-enrollments.query';
export * from './education/rank-enrollments.query';
export * from './feed/get-feed-page.query';
export * from './health/get-child-vaccinations.query';
export * from './health/get-health-statistics.query';
export * from './health/list-catch-up.query';
export * from './housing/get-housing-statistics.query';
export * from './housing/get-worker-housing.query';
export * from './housing/list-waitlist.query';
export * from './hrss/get-hrss-statistics.query';
export * from './hrss/get-worker-insurance.query';
export * from './hrss/list-transfers-in-flight.query';
export * from './points/get-points-statistics.query';
export * from './points/get-worker-points.query';
export * from './points/rank-points-round.query';
export * from './public-security/get-permit.query';
export * from './public-security/get-public-security-statistics.query';
export * from './public-security/list-endorsements-due.query';
export * from './public-security/list-permits.query';
export * from './streams/get-stream-events.query';
export * from './streams/verify-stream.query';
export * from './workers/get-worker-summary.query';
export * from './workers/search-workers.query';

/** One @QueryHandler per read query: each read route sends its query on the QueryBus (docs/api-reads.md). */
export const READ_QUERY_HANDLERS = [
  GetAuditStatisticsHandler,
  ListDecisionsHandler,
  GetChildSchoolingHandler,
  GetEducationStatisticsHandler,
  ListEnrollmentsHandler,
  RankEnrollmentsHandler,
  GetFeedPageHandler,
  GetChildVaccinationsHandler,
  GetHealthStatisticsHandler,
  ListCatchUpHandler,
  GetHousingStatisticsHandler,
  GetWorkerHousingHandler,
  ListWaitlistHandler,
  GetHrssStatisticsHandler,
  GetWorkerInsuranceHandler,
  ListTransfersInFlightHandler,
  GetPointsStatisticsHandler,
  GetWorkerPointsHandler,
  RankPointsRoundHandler,
  GetPermitHandler,
  GetPublicSecurityStatisticsHandler,
  ListEndorsementsDueHandler,
  ListPermitsHandler,
  GetStreamEventsHandler,
  VerifyStreamHandler,
  GetWorkerSummaryHandler,
  SearchWorkersHandler,
];
