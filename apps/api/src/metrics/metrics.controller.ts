import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiInternalServerErrorResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Gauge } from 'prom-client';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { projectionLag, rebuildsInProgress } from '@ledger/projections';
import { LedgerMetrics } from '../observability/ledger-metrics';
import { Public } from '../security';
import { READ_POOL } from '../tokens';

/**
 * Prometheus metrics: the registry of observability/ledger-metrics.ts (requests, commands,
 * process) and the store's head and every projection's lag, computed at scrape time. While the
 * database is down it still answers 200, with `ledger_event_store_up 0` and without the gauges
 * it could not read: an outage is what the scrape must show, not a failed scrape.
 */
@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  private refreshing?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_POOL) private readonly pool: Pool,
    private readonly metricsRegistry: LedgerMetrics,
  ) {
    this.registry = metricsRegistry.registry;
    // prom-client collects every metric at once (Promise.all), so each gauge awaits the same
    // refresh, made once per scrape, before it is read.
    const gauge = (name: string, help: string, labelNames: string[] = []) => {
      const refresh = () => this.refresh();
      return new Gauge({ name, help, labelNames, registers: [this.registry], collect: refresh });
    };
    this.up = gauge('ledger_event_store_up', '1 when the event store answered this scrape, 0 when it did not');
    this.head = gauge('ledger_event_store_head_position', 'Global position of the newest event subscribers can see');
    this.position = gauge('ledger_projection_position', 'Global position a projection has applied', ['projection']);
    this.lagEvents = gauge('ledger_projection_lag_events', 'Events in the store a projection has not applied yet', ['projection']);
    this.lagSeconds = gauge('ledger_projection_lag_seconds', 'Age of the oldest event a projection has not applied', ['projection']);
    this.deadLetters = gauge('ledger_projection_dead_letters', 'Parked poison events not yet resolved', ['projection']);
    // A blue/green rebuild (`ledger projections rebuild`, any process) while it runs; absent otherwise.
    this.rebuildProcessed = gauge(
      'ledger_projection_rebuild_events_processed',
      'Events a projection rebuild in progress has applied so far',
      ['projection'],
    );
    this.rebuildTarget = gauge(
      'ledger_projection_rebuild_events_target',
      'Events a projection rebuild in progress has to apply (those the live read model has applied)',
      ['projection'],
    );
    this.rebuildProgress = gauge(
      'ledger_projection_rebuild_progress_ratio',
      'A projection rebuild in progress: events processed / target, 0 to 1',
      ['projection'],
    );
  }

  private readonly registry: LedgerMetrics['registry'];
  private readonly up: Gauge;
  private readonly head: Gauge;
  private readonly position: Gauge;
  private readonly lagEvents: Gauge;
  private readonly lagSeconds: Gauge;
  private readonly deadLetters: Gauge;
  private readonly rebuildProcessed: Gauge;
  private readonly rebuildTarget: Gauge;
  private readonly rebuildProgress: Gauge;

  private get rebuildGauges(): Gauge[] {
    return [this.rebuildProcessed, this.rebuildTarget, this.rebuildProgress];
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async read(): Promise<void> {
    try {
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
      const rebuilds = await rebuildsInProgress(this.pool).catch(() => []);
      for (const gauge of this.rebuildGauges) gauge.reset();
      for (const r of rebuilds) {
        this.rebuildProcessed.set({ projection: r.name }, r.eventsProcessed);
        this.rebuildTarget.set({ projection: r.name }, r.eventsTarget);
        this.rebuildProgress.set({ projection: r.name }, r.eventsTarget === 0 ? 1 : r.eventsProcessed / r.eventsTarget);
      }
      this.up.set(1);
    } catch {
      for (const gauge of [this.head, this.position, this.lagEvents, this.lagSeconds, this.deadLetters, ...this.rebuildGauges])
        gauge.reset();
      this.up.set(0);
    }
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ operationId: 'GetMetrics', summary: 'Prometheus metrics (text exposition format 0.0.4)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description:
      'Prometheus text exposition: HTTP requests and commands, process metrics, head position, projection positions and lag, dead letters, rebuild progress; 200 with ledger_event_store_up 0 while the store is down',
    content: { 'text/plain': { schema: { type: 'string' }, example: '# TYPE ledger_event_store_up gauge\nledger_event_store_up 1\n' } },
  })
  @ApiInternalServerErrorResponse({ description: 'Only on a defect in the exporter itself (problem+json); an outage is ledger_event_store_up 0' })
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
