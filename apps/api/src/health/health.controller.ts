import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { RUNTIME_INFO, RuntimeInfo } from '../runtime-info';

/** Readiness: answers 200 only when the event store answers. */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RUNTIME_INFO) private readonly runtime: RuntimeInfo,
  ) {}

  @Get('health')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The ledger is ready; the store answers', schema: { example: { status: 'ok', store: { adapter: 'postgres', reachable: true, headPosition: 3137249345 } } } })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer' })
  async health(@Res({ passthrough: true }) res: Response) {
    const started = Date.now();
    try {
      const headPosition = await this.store.headPosition();
      return {
        status: 'ok',
        jurisdiction: this.runtime.jurisdiction,
        store: { adapter: this.runtime.adapter, reachable: true, headPosition, latencyMs: Date.now() - started },
        database: { embedded: this.runtime.embeddedDatabase },
      };
    } catch (error) {
      res.status(503);
      return {
        status: 'unavailable',
        store: { adapter: this.runtime.adapter, reachable: false, error: (error as Error).message },
      };
    }
  }
}
