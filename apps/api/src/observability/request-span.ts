import type { IncomingMessage } from 'node:http';
import type { Span } from '@opentelemetry/api';

/**
 * The HTTP server span of a request, kept on the request by the HTTP instrumentation's hook
 * (observability/tracing.ts), so the request id, known only once the logger has taken or made
 * it, is set on that span and not on whichever middleware's span is active then.
 */
const SERVER_SPAN = Symbol('ledger.serverSpan');

type WithSpan = IncomingMessage & { [SERVER_SPAN]?: Span };

export function rememberServerSpan(req: IncomingMessage, span: Span): void {
  (req as WithSpan)[SERVER_SPAN] = span;
}

/** Sets the request id on the request's trace (`ledger.request_id`); nothing when tracing is off. */
export function tagRequestId(req: IncomingMessage, requestId: string): void {
  (req as WithSpan)[SERVER_SPAN]?.setAttribute('ledger.request_id', requestId);
}
