import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { projectionLag } from '@ledger/projections';
import { READ_POOL } from '../tokens';

/** Prometheus metrics: the store's head and every projection's lag, computed at scrape time. */
@ApiTags('operations')
@Controller()
export class MetricsController {
  private readonly registry = new Registry();

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_POOL) pool: Pool) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_process_' });
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [this.registry] });
    // Registered first: its collect refreshes the gauges below before they are read (prom-client
    // collects in registration order and awaits async collects on every scrape).
    new Gauge({
      name: 'ledger_event_store_head_position',
      help: 'Global position of the newest event subscribers can see',
      registers: [this.registry],
      async collect() {
        this.set(await store.headPosition());
        for (const lag of await projectionLag(store, pool)) {
          position.set({ projection: lag.name }, lag.position);
          lagEvents.set({ projection: lag.name }, lag.eventsBehind);
          lagSeconds.set({ projection: lag.name }, lag.secondsBehind);
        }
        const { rows } = await pool
          .query<{ projection: string; n: string }>(
            'SELECT projection, count(*) AS n FROM projector.dead_letters WHERE resolved_at IS NULL GROUP BY projection',
          )
          .catch(() => ({ rows: [] as { projection: string; n: string }[] }));
        deadLetters.reset();
        for (const row of rows) deadLetters.set({ projection: row.projection }, Number(row.n));
      },
    });
    const position = gauge('ledger_projection_position', 'Global position a projection has applied', ['projection']);
    const lagEvents = gauge('ledger_projection_lag_events', 'Events in the store a projection has not applied yet', [
      'projection',
    ]);
    const lagSeconds = gauge('ledger_projection_lag_seconds', 'Age of the oldest event a projection has not applied', [
      'projection',
    ]);
    const deadLetters = gauge('ledger_projection_dead_letters', 'Parked poison events not yet resolved', [
      'projection',
    ]);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({
    description: 'Prometheus text exposition: head position, projection positions and lag, dead letters',
  })
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
