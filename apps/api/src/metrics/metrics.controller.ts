import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiInternalServerErrorResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { projectionLag } from '@ledger/projections';
import { Public } from '../security';
import { READ_POOL } from '../tokens';

/** Prometheus metrics: the store's head and every projection's lag, computed at scrape time. */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  private readonly registry = new Registry();
  private refreshing?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_POOL) private readonly pool: Pool,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_process_' });
    // prom-client collects every metric at once (Promise.all), so each gauge awaits the same
    // refresh, made once per scrape, before it is read.
    const gauge = (name: string, help: string, labelNames: string[] = []) => {
      const refresh = () => this.refresh();
      return new Gauge({ name, help, labelNames, registers: [this.registry], collect: refresh });
    };
    this.head = gauge('ledger_event_store_head_position', 'Global position of the newest event subscribers can see');
    this.position = gauge('ledger_projection_position', 'Global position a projection has applied', ['projection']);
    this.lagEvents = gauge('ledger_projection_lag_events', 'Events in the store a projection has not applied yet', ['projection']);
    this.lagSeconds = gauge('ledger_projection_lag_seconds', 'Age of the oldest event a projection has not applied', ['projection']);
    this.deadLetters = gauge('ledger_projection_dead_letters', 'Parked poison events not yet resolved', ['projection']);
  }

  private readonly head: Gauge;
  private readonly position: Gauge;
  private readonly lagEvents: Gauge;
  private readonly lagSeconds: Gauge;
  private readonly deadLetters: Gauge;

  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      this.head.set(await this.store.headPosition());
      for (const lag of await projectionLag(this.store, this.pool)) {
        this.position.set({ projection: lag.name }, lag.position);
        this.lagEvents.set({ projection: lag.name }, lag.eventsBehind);
        this.lagSeconds.set({ projection: lag.name }, lag.secondsBehind);
      }
      const { rows } = await this.pool
        .query<{ projection: string; n: string }>(
          'SELECT projection, count(*) AS n FROM projector.dead_letters WHERE resolved_at IS NULL GROUP BY projection',
        )
        .catch(() => ({ rows: [] as { projection: string; n: string }[] }));
      this.deadLetters.reset();
      for (const row of rows) this.deadLetters.set({ projection: row.projection }, Number(row.n));
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ description: 'Prometheus text exposition: head position, projection positions and lag, dead letters' })
  @ApiInternalServerErrorResponse({ description: 'The store or the read-model database did not answer (problem+json)' })
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
