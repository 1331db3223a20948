import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Pool } from 'pg';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { Clock, ExecuteDeps, LedgerCommandsModule } from '@ledger/application';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { TerminusModule } from '@nestjs/terminus';
import { PrivateEventStore } from '@ledger/privacy';
import { AuditLogRoutesModule } from './routes/audit/audit-log.module';
import { HealthController } from './health/health.controller';
import { ProbesController } from './health/probes.controller';
import { ProblemPagesController } from './problem/problem-pages.controller';
import { MetricsController } from './metrics/metrics.controller';
import { CommandOutcomes, LEDGER_LOGGER } from './observability/command-outcomes';
import { LedgerMetrics } from './observability/ledger-metrics';
import { createLedgerLogger, requestIdOf } from './observability/logging';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { CommandRoutesModule } from './routes/commands/command-routes.module';
import { PersonalDataController } from './routes/privacy/personal-data.controller';
import { ReadRoutesModule } from './routes/reads/read-routes.module';
import { SessionController } from './routes/reads/session.controller';
import { RUNTIME_INFO, RuntimeInfo } from './runtime-info';
import { ApiSecurityModule, rateLimitFromEnv } from './security';
import { retentionFromEnv } from './security/retention';
import { LEDGER_CLOCK, POLICY, PROJECTOR, READ_POOL } from './tokens';

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

/** The process's logger and metrics registry, made by createApp. */
export interface Observability {
  logger: Logger;
  metrics: LedgerMetrics;
}

/** The HTTP application; its dependencies are built outside so tests and main share it. */
@Module({})
export class AppModule {
  static register(
    deps: AppDependencies,
    observability: Observability = { logger: createLedgerLogger({ level: 'silent' }), metrics: new LedgerMetrics() },
  ): DynamicModule {
    return {
      module: AppModule,
      // Route modules read the store and the read-model pool through these tokens.
      global: true,
      exports: [EVENT_STORE, READ_POOL, RUNTIME_INFO, LEDGER_CLOCK, POLICY, LEDGER_LOGGER, LedgerMetrics, CommandOutcomes],
      imports: [
        // Nest's own lines through the same pino logger, with the request id of the request they
        // belong to. The request line itself is written by createApp's first middleware.
        LoggerModule.forRoot({
          pinoHttp: { logger: observability.logger, autoLogging: false, genReqId: requestIdOf, quietReqLogger: true, customAttributeKeys: { reqId: 'requestId' } },
        }),
        // Failures are logged by ProbesController through pino, without the driver's addresses.
        TerminusModule.forRoot({ logger: false }),
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
      controllers: [
        ProbesController,
        HealthController,
        MetricsController,
        SessionController,
        ProblemPagesController,
        ...(deps.store instanceof PrivateEventStore ? [PersonalDataController] : []),
      ],
      providers: [
        { provide: EVENT_STORE, useValue: deps.store },
        { provide: RUNTIME_INFO, useValue: deps.runtime },
        { provide: READ_POOL, useValue: deps.readPool },
        { provide: LEDGER_CLOCK, useValue: deps.clock ?? { now: () => new Date(), today: deps.execute.today } },
        { provide: PROJECTOR, useValue: deps.projector ?? null },
        { provide: POLICY, useValue: deps.execute.policy },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: LEDGER_LOGGER, useValue: observability.logger },
        { provide: LedgerMetrics, useValue: observability.metrics },
        CommandOutcomes,
      ],
    };
  }
}
