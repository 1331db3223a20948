import type { IncomingMessage } from 'node:http';
import type { NodeSDK, NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { configSchema } from '@ledger/config';
import { rememberServerSpan } from './request-span';

/**
 * OpenTelemetry traces (issue 14 item 3; docs/operations.md#traces): the HTTP, Express and pg
 * instrumentations, exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT. Off unless that
 * variable is set. No Nest instrumentation: @opentelemetry/instrumentation-nestjs-core supports
 * Nest below 12 only (and patches through require, which Nest 12, ES modules only, bypasses);
 * Express's spans name each request's route and handler. The instrumentations patch modules as they are required, so this runs
 * before Nest, Express or pg is loaded: apps/api/src/tracing.ts and apps/projector/src/tracing.ts
 * are the first imports of the two main modules.
 */
let sdk: NodeSDK | undefined;

export interface TracingOptions {
  serviceName: string;
  /** Instead of the OTLP exporter (a test passes an in-memory exporter's processor). */
  spanProcessors?: NodeSDKConfiguration['spanProcessors'];
}

/** Probes and scrapes every few seconds would bury the traces that matter. */
const UNTRACED = /^\/(health(\/|$|\?)|metrics(\?|$))/;

export function startTracing(options: TracingOptions): void {
  if (sdk) return;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    serviceName: options.serviceName,
    ...(options.spanProcessors
      ? { spanProcessors: options.spanProcessors }
      : { traceExporter: new OTLPTraceExporter() }),
    // Traces only: metrics are Prometheus's (/metrics), logs are pino's JSON lines.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED.test(req.url ?? ''),
        requestHook: (span, req) => {
          if ('headers' in req && !('setHeader' in req)) rememberServerSpan(req as IncomingMessage, span);
        },
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  // Nest 12 is ES modules only, and its `import express from 'express'` does not pass through
  // require, which the Express instrumentation patches. Required here first, Express is patched
  // once, and the import then finds this CommonJS module in the cache.
  require('express'); // eslint-disable-line @typescript-eslint/no-require-imports
}

/** Sends the spans still buffered; the servers call it last when they stop. */
export async function shutdownTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}

/**
 * Starts tracing when the environment asks for it (OTEL_EXPORTER_OTLP_ENDPOINT). A wrong
 * configuration starts nothing here: the main module then refuses it, naming the variable.
 */
export function startTracingFromEnv(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): void {
  const parsed = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v?.trim())));
  if (!parsed.success || !parsed.data.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  startTracing({ serviceName: parsed.data.OTEL_SERVICE_NAME ?? defaultServiceName });
}
