import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Pool } from 'pg';
import { IdempotencyInterceptor } from '../conventions/idempotency.interceptor';
import { IdempotencyStore } from '../conventions/idempotency.store';
import { AccessLogController } from './access-log.controller';
import { AccessLogService } from './access-log.service';
import { ensureApiSchema } from './api-schema';
import { CredentialService } from './credential.service';
import { IdMaskingInterceptor } from './id-masking.interceptor';
import { RateLimiter } from './rate-limiter';
import { RetentionService } from './retention';
import { ScopeGuard } from './scope.guard';
import {
  API_SECURITY_POOL,
  DEFAULT_PUBLIC_PATHS,
  SECURITY_OPTIONS,
  type ApiSecurityOptions,
  type ResolvedSecurityOptions,
} from './security-options';

const ENSURE_SCHEMA = Symbol('ENSURE_SCHEMA');
const APPLY_RETENTION = Symbol('APPLY_RETENTION');

/**
 * Credentials, scopes, the access log, ID masking, rate limits and Idempotency-Key for every
 * route. With `global` (the default) the guard and interceptors apply app-wide, in this order:
 * ScopeGuard; then IdempotencyInterceptor outside IdMaskingInterceptor, so a stored first answer
 * is the masked one the caller saw.
 */
@Module({})
export class ApiSecurityModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly accessLog: AccessLogService,
    private readonly idempotency: IdempotencyStore,
    private readonly retention: RetentionService,
    @Inject(API_SECURITY_POOL) private readonly pool: Pool,
    @Inject(ENSURE_SCHEMA) private readonly ensureSchema: boolean,
    @Inject(APPLY_RETENTION) private readonly retentionOn: boolean,
  ) {}

  static register(options: ApiSecurityOptions): DynamicModule {
    const resolved: ResolvedSecurityOptions = { publicPaths: options.publicPaths ?? DEFAULT_PUBLIC_PATHS };
    const services: Provider[] = [
      { provide: API_SECURITY_POOL, useValue: options.pool },
      { provide: SECURITY_OPTIONS, useValue: resolved },
      { provide: ENSURE_SCHEMA, useValue: options.ensureSchema !== false },
      { provide: APPLY_RETENTION, useValue: options.retention !== undefined },
      {
        provide: CredentialService,
        useFactory: () => new CredentialService(options.pool, { cacheMs: options.credentialCacheMs }),
      },
      { provide: AccessLogService, useFactory: () => new AccessLogService(options.pool) },
      { provide: RateLimiter, useFactory: () => new RateLimiter(options.rateLimit) },
      { provide: IdempotencyStore, useFactory: () => new IdempotencyStore(options.pool, options.idempotency) },
      { provide: RetentionService, useFactory: () => new RetentionService(options.pool, options.retention) },
      ScopeGuard,
      IdempotencyInterceptor,
      IdMaskingInterceptor,
    ];
    const global: Provider[] =
      options.global === false
        ? []
        : [
            { provide: APP_GUARD, useExisting: ScopeGuard },
            { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
            { provide: APP_INTERCEPTOR, useExisting: IdMaskingInterceptor },
          ];
    return {
      module: ApiSecurityModule,
      global: true,
      controllers: [AccessLogController],
      providers: [...services, ...global],
      exports: [
        CredentialService,
        AccessLogService,
        RateLimiter,
        IdempotencyStore,
        RetentionService,
        ScopeGuard,
        IdempotencyInterceptor,
        IdMaskingInterceptor,
      ],
    };
  }

  async onModuleInit(): Promise<void> {
    if (this.ensureSchema) await ensureApiSchema(this.pool);
    if (this.retentionOn) this.retention.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.retention.stop();
    await this.accessLog.flush();
    this.accessLog.close();
    await this.idempotency.close();
  }
}
