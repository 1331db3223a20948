import { z } from 'zod';

/**
 * Every environment variable the ledger reads, in one zod schema (issue 14 item 6). The API,
 * the projector and the CLI validate the whole environment against it before they start
 * anything; a wrong value stops the process with a message naming the variable (exit 78,
 * EX_CONFIG). README's configuration table is generated from the `meta` of each entry and a
 * test keeps the two equal (test/architecture/config-table.spec.ts).
 *
 * Each entry's `meta`: `default` as README shows it and `meaning`, one line.
 */

const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a port number (0-65535)')
    .transform(Number)
    .refine((n) => n <= 65_535, 'must be a port number (0-65535)')
    .prefault(String(fallback));

const positiveNumber = (fallback: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
    .transform(Number)
    .refine((n) => n > 0, 'must be a positive number')
    .prefault(String(fallback));

/** The usual spellings (true/false, 1/0, yes/no, on/off, y/n, enabled/disabled), any case; anything else is refused. */
const flag = (fallback: boolean) =>
  z.stringbool({ error: 'must be true/false, 1/0, yes/no or on/off' }).default(fallback);

export const configSchema = z.object({
  NODE_ENV: z
    .string()
    .optional()
    .meta({
      default: '—',
      meaning: '`production`: refuses `LEDGER_TODAY` and packs whose rules are only illustrative',
    }),
  PORT: port(3000).meta({ default: '`3000`', meaning: "the API's port" }),
  HOST: z
    .string()
    .default('127.0.0.1')
    .meta({ default: '`127.0.0.1`', meaning: "the API's listening address (`0.0.0.0` in a container)" }),
  LEDGER_DATA_DIR: z
    .string()
    .default('./.ledger-data')
    .meta({ default: '`./.ledger-data`', meaning: "the embedded PostgreSQL's data folder" }),
  LEDGER_PG_PORT: port(54329).meta({ default: '`54329`', meaning: "the embedded PostgreSQL's port (loopback only)" }),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .meta({ default: '—', meaning: 'use this PostgreSQL instead; no embedded server starts' }),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    .optional()
    .meta({ default: '—', meaning: 'use an EventStoreDB / KurrentDB cluster as the event store' }),
  LEDGER_JURISDICTION: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a pack id (lower-case letters, digits, -)')
    .default('panzhihua')
    .meta({ default: '`panzhihua`', meaning: "the deployment's one policy pack" }),
  LEDGER_POLICY_DIR: z.string().optional().meta({ default: '—', meaning: "a folder with the city's own packs" }),
  LEDGER_PROJECTOR: flag(true).meta({
    default: '`on`',
    meaning: '`off` (or `false`, `0`, `no`): this process serves the API only (run `apps/projector` apart)',
  }),
  LEDGER_PROJECTOR_HEALTH_PORT: port(3001).meta({
    default: '`3001`',
    meaning: "the standalone projector's probes (`/health/live`, `/health/ready`), on `HOST`",
  }),
  LEDGER_POISON: z
    .enum(['park', 'stop'], { error: 'must be park or stop' })
    .default('park')
    .meta({ default: '`park`', meaning: '`stop`: a projection stops at an event it cannot apply' }),
  // Interpreted by clockFromEnv (libs/application/clock.ts) only; here it is listed, not read.
  LEDGER_TODAY: z.string().optional().meta({
    default: '—',
    meaning:
      "`YYYY-MM-DD`: hold the ledger's date still for a demonstration or acceptance run (API, projector, CLI); refused with `NODE_ENV=production`",
  }),
  LEDGER_RATE_LIMIT_PER_SECOND: positiveNumber(50).meta({ default: '`50`', meaning: 'requests a second each credential may send (then 429)' }),
  LEDGER_RATE_LIMIT_BURST: positiveNumber(100).meta({ default: '`100`', meaning: 'requests above that rate a credential may send at once' }),
  LEDGER_AUTH_FAILURES_PER_SECOND: positiveNumber(5).meta({
    default: '`5`',
    meaning: 'failed authentications a second one client address may make (then 429, before any look-up)',
  }),
  LEDGER_AUTH_FAILURES_BURST: positiveNumber(50).meta({ default: '`50`', meaning: 'failed authentications above that rate one address may make at once' }),
  LEDGER_BODY_TIMEOUT_MS: positiveNumber(10_000).meta({ default: '`10000`', meaning: 'a request body not received in this time is a 408 (docs/faults.md)' }),
  LEDGER_HEADERS_TIMEOUT_MS: positiveNumber(10_000).meta({ default: '`10000`', meaning: "a request's headers not received in this time end the connection" }),
  LEDGER_REQUEST_TIMEOUT_MS: positiveNumber(30_000).meta({ default: '`30000`', meaning: 'a whole request not received in this time ends the connection' }),
  LEDGER_IDEMPOTENCY_RETENTION_DAYS: positiveNumber(30).meta({ default: '`30`', meaning: 'days a stored Idempotency-Key answer is kept' }),
  LEDGER_ACCESS_LOG_RETENTION_DAYS: positiveNumber(365).meta({
    default: '`365`',
    meaning: 'days the access log is kept; at least 180 (network logs are kept six months)',
  }),
  LEDGER_RETENTION_EVERY_MS: positiveNumber(3_600_000).meta({ default: '`3600000`', meaning: 'how often retention is applied' }),
  LEDGER_EVENT_STORE_ROLE: z.string().optional().meta({
    default: '`ledger_appender`',
    meaning: 'the role the event store appends as (may not UPDATE or DELETE events); empty: the connecting owner',
  }),
  LEDGER_AUDIT_KEY_FILE: z.string().optional().meta({
    default: '`<data folder>/audit-signing-key.pem`',
    meaning: 'the Ed25519 key (PKCS#8 PEM) that signs checkpoints; `npm start` generates a development key when none is set',
  }),
  LEDGER_AUDIT_ORIGIN: z.string().optional().meta({
    default: '`ledger.example.gov.cn/<jurisdiction>`',
    meaning: "the verifiable log's origin, also the key's note name",
  }),
  LEDGER_AUDIT_CHECKPOINT_EVENTS: positiveNumber(1000).meta({ default: '`1000`', meaning: 'sign a checkpoint after this many new events' }),
  LEDGER_AUDIT_CHECKPOINT_SECONDS: positiveNumber(60).meta({ default: '`60`', meaning: '…or after this many seconds with new events' }),
  LEDGER_PRIVACY_MASTER_KEY_FILE: z.string().optional().meta({
    default: '`<data folder>/privacy-master-keys`',
    meaning:
      "master keys that wrap each worker's data key (`<id> <base64 of 32 bytes>` per line, the last current); `npm start` generates a development key when none is set, never under `NODE_ENV=production` (docs/privacy.md)",
  }),
  LEDGER_PRIVACY_INDEX_KEY_FILE: z.string().optional().meta({
    default: '`<data folder>/privacy-index-key`',
    meaning: 'the HMAC key of the 身份证号 blind index (base64 of 32 bytes)',
  }),
  LEDGER_CONSOLE_DIR: z.string().optional().meta({ default: '`apps/console/dist`', meaning: "the counter console's built files, served at `/console`" }),
  LEDGER_TOKEN: z.string().optional().meta({
    default: '—',
    meaning:
      "the CLI's credential (`ledger credentials issue`) for commands that act, e.g. `ledger command`; `--token` wins; the events record its department and principal",
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL (an OTLP/HTTP collector)')
    .optional()
    .meta({
      default: '—',
      meaning:
        'traces on: each process sends its spans to this OpenTelemetry collector (OTLP/HTTP, `<url>/v1/traces`); unset, nothing is traced (docs/operations.md#traces)',
    }),
  OTEL_SERVICE_NAME: z.string().optional().meta({
    default: '`entitlement-ledger-api`, `entitlement-ledger-projector`',
    meaning: "the traces' `service.name`",
  }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be fatal, error, warn, info, debug, trace or silent',
    })
    .default('info')
    .meta({ default: '`info`', meaning: 'the lowest level logged (JSON lines; human-readable only on a terminal)' }),
});

export type LedgerConfig = z.infer<typeof configSchema>;
export type ConfigVariable = keyof LedgerConfig;
