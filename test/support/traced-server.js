/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script run by node, not by Jest */
// The ledger's server (dist/, as `npm start` runs it with DATABASE_URL) with its traces in an
// in-memory exporter, for test/e2e/tracing.spec.ts. A process of its own: OpenTelemetry's
// instrumentations patch Node's require, which Jest's module loader bypasses. The test asks for
// the finished spans over IPC ('spans') and stops the server with SIGTERM.
const { join } = require('node:path');
const { tracing } = require('@opentelemetry/sdk-node');

const dist = join(__dirname, '..', '..', 'dist');
const exporter = new tracing.InMemorySpanExporter();
// Before anything else is required, as apps/api/src/tracing.ts does for main.ts.
require(join(dist, 'apps/api/src/observability/tracing')).startTracing({
  serviceName: 'ledger-trace-test',
  spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
});
const { loadConfig } = require(join(dist, 'libs/config'));
const { clockFromEnv } = require(join(dist, 'libs/application/clock'));
const { serve } = require(join(dist, 'apps/api/src/serve'));

process.on('message', (message) => {
  if (message !== 'spans') return;
  process.send({
    spans: exporter.getFinishedSpans().map((span) => ({
      name: span.name,
      kind: span.kind,
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: span.parentSpanContext?.spanId,
      attributes: span.attributes,
    })),
  });
});
serve(loadConfig(process.env), clockFromEnv(process.env)).then(
  () => process.send({ ready: true }),
  (error) => {
    console.error(`start-up failed: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
