import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { routeOf } from './logging';

/**
 * The API's Prometheus registry: HTTP requests by route and status, command outcomes by type
 * and rule id, and prom-client's standard process metrics under their standard names
 * (`process_cpu_seconds_total`, `nodejs_heap_size_used_bytes`…, no prefix), so stock dashboards
 * and alerts find them. /metrics adds the store's and the projections' gauges at scrape time.
 */
export class LedgerMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'ledger_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'ledger_commands_total',
    help: 'Commands by type and outcome (accepted, replayed, refused, rejected, invalid, conflict, failed); refusals carry the rule id',
    labelNames: ['type', 'outcome', 'rule_id'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

/**
 * Counts and times every request when its answer is sent, by the route pattern Express matched
 * (`/v1/workers/:workerId/summary`, so ids do not multiply the series); a request no route
 * matched is counted under `unmatched`.
 */
export function httpMetrics(metrics: LedgerMetrics) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = {
        method: req.method ?? 'GET',
        route: routeOf(req) ?? 'unmatched',
        status: String(res.statusCode),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
