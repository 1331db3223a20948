import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Pool } from 'pg';
import { Clock, ExecuteDeps, LedgerCommandsModule } from '@ledger/application';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { PrivateEventStore } from '@ledger/privacy';
import { AuditLogRoutesModule } from './routes/audit/audit-log.module';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { CommandRoutesModule } from './routes/commands/command-routes.module';
import { PersonalDataController } from './routes/privacy/personal-data.controller';
import { ReadRoutesModule } from './routes/reads/read-routes.module';
import { SessionController } from './routes/reads/session.controller';
import { RUNTIME_INFO, RuntimeInfo } from './runtime-info';
import { ApiSecurityModule, rateLimitFromEnv } from './security';
import { retentionFromEnv } from './security/retention';
import { LEDGER_CLOCK, PROJECTOR, READ_POOL } from './tokens';

export interface AppDependencies {
  store: EventStore;
  runtime: RuntimeInfo;
  /** The read models' pool; defaults to nothing only in tests that need no read model. */
  readPool: Pool;
  execute: ExecuteDeps;
  /** The ledger's clock; by default the instant from the machine and the date from execute.today. */
  clock?: Clock;
  /** The projector running in this process, if any (for /health). */
  projector?: { status(): { name: string; state: string; position: number }[] };
}

/** The HTTP application; its dependencies are built outside so tests and main share it. */
@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      // Route modules read the store and the read-model pool through these tokens.
      global: true,
      exports: [EVENT_STORE, READ_POOL, RUNTIME_INFO, LEDGER_CLOCK],
      imports: [
        LedgerCommandsModule.register(deps.execute),
        // Bearer credentials, scopes, the access log, rate limits, Idempotency-Key, ID masking.
        ApiSecurityModule.register({
          pool: deps.readPool,
          rateLimit: rateLimitFromEnv(process.env),
          retention: retentionFromEnv(process.env),
        }),
        CommandRoutesModule,
        ReadRoutesModule,
        AuditLogRoutesModule.register(deps.execute),
      ],
      // SessionController reads the business day from LedgerCommandsModule's EXECUTE_DEPS.
      // Restriction over HTTP exists only where personal fields are encrypted (docs/privacy.md).
      controllers: [HealthController, MetricsController, SessionController, ...(deps.store instanceof PrivateEventStore ? [PersonalDataController] : [])],
      providers: [
        { provide: EVENT_STORE, useValue: deps.store },
        { provide: RUNTIME_INFO, useValue: deps.runtime },
        { provide: READ_POOL, useValue: deps.readPool },
        { provide: LEDGER_CLOCK, useValue: deps.clock ?? { now: () => new Date(), today: deps.execute.today } },
        { provide: PROJECTOR, useValue: deps.projector ?? null },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
