import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import pinoHttp, { Options as HttpLogOptions } from 'pino-http';
import pinoPretty from 'pino-pretty';
import { tagRequestId } from './request-span';

/**
 * The personal fields of docs/access.md (a worker's name, 身份证号, phone and address), removed
 * from every log line by path, at any depth up to four levels (pino's `redact` takes paths, not
 * patterns). No line is meant to carry them; this is the net under that intent.
 */
export const PERSONAL_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const;

export const REDACTED_PATHS = [
  ...PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]),
  'req.headers.authorization',
  'req.headers.cookie',
];

export interface LogSettings {
  level?: string;
  /** Where lines go; stdout by default (tests pass a stream to read them). */
  destination?: DestinationStream;
  /** Human-readable lines (pino-pretty); by default only when stdout is a terminal. */
  pretty?: boolean;
}

/**
 * The ledger's one logger: JSON lines (one object a line) for a log collector, human-readable
 * only on a terminal, so `npm start` stays readable and a container's output stays parseable.
 */
export function createLedgerLogger(settings: LogSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // The level as a word: what an operator greps for (`"level":"error"`).
    formatters: { level: (label) => ({ level: label }) },
  };
  if (settings.destination) return pino(options, settings.destination);
  const pretty = settings.pretty ?? process.stdout.isTTY === true;
  return pretty
    ? // In this thread, not a transport's worker: a line logged just before exit is not lost.
      pino(options, pinoPretty({ translateTime: 'SYS:standard' }))
    : pino(options);
}

/** An incoming X-Request-Id is kept when it is a plain token; anything else gets a fresh id. Also set on the trace. */
const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const existing = (req as { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  res.setHeader('X-Request-Id', id);
  tagRequestId(req, id); // the same id on the request's trace
  return id;
}

/** The route pattern Express matched (`/v1/workers/:workerId/summary`), or none for a 404. */
export function routeOf(req: IncomingMessage): string | undefined {
  const r = req as { baseUrl?: string; route?: { path?: unknown } };
  return typeof r.route?.path === 'string' ? `${r.baseUrl ?? ''}${r.route.path}` : undefined;
}

/**
 * One line per request, when its answer is sent: request id, method, path (without the query,
 * which may hold an id), route, status and time in ms. Headers are not logged (credentials).
 */
export function httpLogOptions(logger: Logger): HttpLogOptions {
  return {
    logger,
    genReqId: requestIdOf,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    quietReqLogger: true,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode}`,
    customSuccessObject: (req, _res, value: object) => ({ ...value, route: routeOf(req) }),
    customErrorObject: (req, _res, _error, value: object) => ({ ...value, route: routeOf(req) }),
  };
}

export function httpLogger(logger: Logger) {
  return pinoHttp(httpLogOptions(logger));
}
