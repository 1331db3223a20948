import type { Pool } from 'pg';
import type { RateLimitOptions } from './rate-limiter';
import type { RetentionOptions } from './retention';

/** How ApiSecurityModule is set up. */
export interface ApiSecurityOptions {
  /** PostgreSQL for api.credentials, api.idempotency_keys and api.access_log. */
  pool: Pool;
  /** Register ScopeGuard, IdempotencyInterceptor and IdMaskingInterceptor for every route. Default true. */
  global?: boolean;
  /** Paths that need no credential even without @Public(). Default /health, /metrics, /docs, /openapi.json. */
  publicPaths?: string[];
  rateLimit?: RateLimitOptions;
  /** How long an authenticated token is trusted before it is looked up again. Default 5000 ms. */
  credentialCacheMs?: number;
  idempotency?: {
    /** How long a duplicate waits for the first request to finish before a 409. Default 10 s. */
    waitMs?: number;
    /** After this, a pending claim that names no owner process may be taken over. Default 60 s. */
    leaseMs?: number;
  };
  /** Retention periods the module applies itself (security/retention.ts); none: not applied. */
  retention?: RetentionOptions;
  /** Create the tables at start-up. Default true. */
  ensureSchema?: boolean;
}

export interface ResolvedSecurityOptions {
  publicPaths: string[];
}

export const SECURITY_OPTIONS = Symbol('SECURITY_OPTIONS');
export const API_SECURITY_POOL = Symbol('API_SECURITY_POOL');

export const DEFAULT_PUBLIC_PATHS = ['/health', '/metrics', '/docs', '/openapi.json'];

/**
 * The rate limit from the environment: LEDGER_RATE_LIMIT_PER_SECOND (default 50) and
 * LEDGER_RATE_LIMIT_BURST (default 100). A value that is not a positive number is an error at
 * start-up, not a silently open door.
 */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!(value > 0) || !Number.isFinite(value))
      throw new RangeError(`${name} must be a positive number, not ${JSON.stringify(raw)}`);
    return value;
  };
  return { ratePerSecond: read('LEDGER_RATE_LIMIT_PER_SECOND', 50), burst: read('LEDGER_RATE_LIMIT_BURST', 100) };
}

/**
 * How many failed authentications (no token, an unknown or revoked one) one client address may
 * make: LEDGER_AUTH_FAILURES_PER_SECOND (default 5) and LEDGER_AUTH_FAILURES_BURST (default 50).
 * Past it, attempts from that address are a 429 before any database look-up (issue 16: 1,000
 * unknown tokens cost 1,000 look-ups).
 */
export function authFailureLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!(value > 0) || !Number.isFinite(value))
      throw new RangeError(`${name} must be a positive number, not ${JSON.stringify(raw)}`);
    return value;
  };
  return { ratePerSecond: read('LEDGER_AUTH_FAILURES_PER_SECOND', 5), burst: read('LEDGER_AUTH_FAILURES_BURST', 50) };
}
