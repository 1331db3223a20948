import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import type { Pool } from 'pg';
import { projectionLag, type ProjectionLag } from '@ledger/projections';
import type { IsoDate } from '@ledger/kernel';
import { RUNTIME_INFO, RuntimeInfo } from '../runtime-info';
import type { Clock } from '@ledger/application';
import { LEDGER_CLOCK, PROJECTOR, READ_POOL } from '../tokens';
import type { Logger } from 'pino';
import { LEDGER_LOGGER } from '../observability/command-outcomes';

/** The ledger ready (GetHealth, 200): its clock, its store and how far each projection has read. */
export interface HealthReport {
  status: 'ok';
  jurisdiction: string;
  /** The date decisions are taken on; `fixedBy` says when LEDGER_TODAY holds it still. */
  clock: { today: IsoDate; fixedBy?: 'LEDGER_TODAY' };
  store: { adapter: RuntimeInfo['adapter']; reachable: true; headPosition: number; latencyMs: number };
  database: { embedded: boolean };
  /** Each projection's lag, with its runner's state where this process runs it. */
  projections: (ProjectionLag & { state?: string })[];
}

/** The event store does not answer (503). */
export interface HealthUnavailable {
  status: 'unavailable';
  store: { adapter: RuntimeInfo['adapter']; reachable: false; error: string };
}

/** Readiness: answers 200 only when the event store answers. */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
    @Inject(READ_POOL) private readonly pool: Pool,
    @Inject(PROJECTOR) private readonly projector: { status(): { name: string; state: string }[] } | null,
    @Inject(LEDGER_CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('health')
  @HttpCode(200)
  @ApiOperation({ operationId: 'GetHealth', summary: 'The ledger’s clock, its store and each projection’s lag, for people (the probes are /health/live and /health/ready)' })
  @ApiOkResponse({ description: 'The ledger is ready; the store answers', schema: { example: { status: 'ok', jurisdiction: 'panzhihua', clock: { today: '2026-11-24', fixedBy: 'LEDGER_TODAY' }, store: { adapter: 'postgres', reachable: true, headPosition: 3137249345 } } } })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport | HealthUnavailable> {
    const started = Date.now();
    try {
      const headPosition = await this.store.headPosition();
      const latencyMs = Date.now() - started;
      const states = new Map((this.projector?.status() ?? []).map((s) => [s.name, s.state]));
      const projections = (await projectionLag(this.store, this.pool)).map((lag) => ({
        ...lag,
        ...(states.has(lag.name) ? { state: states.get(lag.name) } : {}),
      }));
      return {
        status: 'ok' as const,
        jurisdiction: this.runtime.jurisdiction,
        // The date decisions are taken on; `fixedBy` says when LEDGER_TODAY holds it still.
        clock: { today: this.clock.today(), ...(this.clock.fixedToday ? { fixedBy: 'LEDGER_TODAY' } : {}) },
        store: { adapter: this.runtime.adapter, reachable: true, headPosition, latencyMs },
        database: { embedded: this.runtime.embeddedDatabase },
        projections,
      };
    } catch (error) {
      // The driver's message names hosts and ports: it goes to the log, not to whoever asks.
      this.logger.warn({ err: error }, 'health: the event store does not answer');
      res.status(503);
      return {
        status: 'unavailable' as const,
        store: { adapter: this.runtime.adapter, reachable: false, error: 'the event store does not answer' },
      };
    }
  }
}
