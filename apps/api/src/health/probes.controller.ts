import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiInternalServerErrorResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { LEDGER_LOGGER } from '../observability/command-outcomes';
import { Public } from '../security';
import { READ_POOL } from '../tokens';

/** A dependency that has not answered in this long counts as down: a probe must not hang. */
const PROBE_TIMEOUT_MS = 3_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Kubernetes' two questions, apart (@nestjs/terminus): is the process alive (restart it if
 * not), and may it take traffic (the event store and the read models' database answer). A down
 * dependency is a 503 whose body names which, never its address or driver message (those go to
 * the log). /health keeps its fuller answer for people.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_POOL) private readonly pool: Pool,
    @Inject(LEDGER_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'GetLiveness', summary: 'Liveness probe: the process serves requests' })
  @ApiOkResponse({
    description: 'The process serves requests',
    schema: { example: { status: 'ok', info: {}, error: {}, details: {} } },
  })
  @ApiInternalServerErrorResponse({ description: 'Only on a defect in the process itself (problem+json)' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ operationId: 'GetReadiness', summary: 'Readiness probe: the event store and the read models’ database answer' })
  @ApiOkResponse({
    description: 'The event store and the read models’ database answer',
    schema: {
      example: {
        status: 'ok',
        info: { store: { status: 'up' }, readModels: { status: 'up' } },
        error: {},
        details: {},
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency does not answer; the body names which (never its address)',
    schema: {
      example: {
        status: 'error',
        info: { readModels: { status: 'up' } },
        error: { store: { status: 'down', reason: 'does not answer' } },
      },
    },
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.probe('store', () => this.store.headPosition()),
        () => this.probe('readModels', () => this.pool.query('SELECT 1')),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult; // terminus's 503 carries the same result
    }
  }

  private async probe(key: 'store' | 'readModels', call: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await within(call(), PROBE_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      this.logger.warn({ probe: key, err: error }, `readiness: ${key} does not answer`);
      return indicator.down({ reason: 'does not answer' });
    }
  }
}
