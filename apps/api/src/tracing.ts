import { startTracingFromEnv } from './observability/tracing';

// The first import of main.ts: OpenTelemetry's instrumentations must be in place before Nest,
// Express and pg are required (docs/operations.md#traces). Only the process that serves: the
// launcher of `npm start` (main.ts without DATABASE_URL) serves nothing and traces nothing.
const launcher = !process.env.DATABASE_URL?.trim() && !process.argv.includes('--serve');
if (!launcher && !process.argv.includes('--check-config')) startTracingFromEnv('entitlement-ledger-api');
