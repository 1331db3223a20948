import { Logger, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { READ_POOL } from '../../tokens';
import { SummaryFoldCache } from './summary-fold-cache';
import { SummarySnapshots } from './summary-snapshots';
import { ChildLinks } from './child-links';
import { AuditReadController } from './departments/audit.controller';
import { EducationController } from './departments/education.controller';
import { HealthReadController } from './departments/health.controller';
import { HousingController } from './departments/housing.controller';
import { HrssController } from './departments/hrss.controller';
import { PointsController } from './departments/points.controller';
import { PublicSecurityController } from './departments/public-security.controller';
import { FeedController } from './feed.controller';
import { FeedService } from './feed.service';
import { READ_QUERY_HANDLERS } from './queries';
import { StreamsController } from './streams.controller';
import { WorkerSummaryController } from './worker-summary.controller';
import { WorkerSummaryService } from './worker-summary.service';
import { WorkerSearchController } from './worker-search.controller';

/** The controllers of the read routes (docs/api-reads.md). */
export const READ_CONTROLLERS = [
  StreamsController,
  WorkerSummaryController,
  WorkerSearchController,
  FeedController,
  PublicSecurityController,
  HrssController,
  PointsController,
  HousingController,
  EducationController,
  HealthReadController,
  AuditReadController,
];

/**
 * The read side of the API: stream history and verification, the worker summary under two
 * clocks, the integration feed, the department read models. Each route sends one query class on
 * the QueryBus (queries/<area>/<name>.query.ts, handled in <name>.handler.ts, as the commands
 * are); the SSE feed is a subscription, not a query, and stays on FeedService. It injects
 * EVENT_STORE and READ_POOL from the application (AppModule) and provides neither itself.
 */
@Module({
  controllers: READ_CONTROLLERS,
  providers: [
    ChildLinks,
    WorkerSummaryService,
    FeedService,
    ...READ_QUERY_HANDLERS,
    // The summary's fold snapshots live beside the read models (docs/audit.md, as-of at scale).
    { provide: SummarySnapshots, inject: [READ_POOL], useFactory: (pool: Pool) => new SummarySnapshots(pool, 50, (message) => new Logger('WorkerSummary').warn(message)) },
    // The current-time summary's folds, kept per process and checked against the store's heads (docs/read-path.md).
    { provide: SummaryFoldCache, inject: [EVENT_STORE], useFactory: (store: EventStore) => SummaryFoldCache.over(store) ?? null },
  ],
})
export class ReadRoutesModule {}
