import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { RUNTIME_INFO, RuntimeInfo } from './runtime-info';

export interface AppDependencies {
  store: EventStore;
  runtime: RuntimeInfo;
}

/** The HTTP application; its dependencies are built outside so tests and main share it. */
@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      providers: [
        { provide: EVENT_STORE, useValue: deps.store },
        { provide: RUNTIME_INFO, useValue: deps.runtime },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
