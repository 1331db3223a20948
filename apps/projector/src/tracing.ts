import { startTracingFromEnv } from '../../api/src/observability/tracing';

// The first import of the projector's main.ts: OpenTelemetry's instrumentations must be in
// place before pg is required (docs/operations.md#traces).
startTracingFromEnv('entitlement-ledger-projector');
