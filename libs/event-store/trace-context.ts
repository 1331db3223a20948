import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import type { EventMetadata } from './port';

/**
 * Traces that cross the event store (issue 14 item 3). A command's append stores the W3C trace
 * context of the span it runs in (`traceparent`, and `tracestate` when there is one) in each
 * event's metadata; a projection or process manager applying that event runs in a span whose
 * parent is that context, so it joins the trace of the command that caused it.
 *
 * Only the OpenTelemetry API is used here. Without a started SDK (tracing off, the default)
 * the propagator is a no-op: nothing is added to any event and every span is a no-op.
 */
export const tracer = trace.getTracer('entitlement-ledger');

/** The active span's trace context as event metadata keys; `{}` when tracing is off. */
export function traceMetadata(active: Context = context.active()): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The trace context an event's metadata carries, or undefined when it carries none. */
export function causingContext(metadata: EventMetadata): Context | undefined {
  const { traceparent, tracestate } = metadata;
  if (typeof traceparent !== 'string') return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, {
    traceparent,
    ...(typeof tracestate === 'string' ? { tracestate } : {}),
  });
  return trace.getSpanContext(parent) ? parent : undefined;
}

/** Runs `work` in a span (active for what it calls) that records a failure and always ends. */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const { parent = context.active(), ...spanOptions } = options;
  return tracer.startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}
