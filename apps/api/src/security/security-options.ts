import { configValue } from '@ledger/config';
import type { Pool } from 'pg';
import type { RateLimitOptions } from './rate-limiter';

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
    /** After this, a claim whose process died may be taken over. Default 60 s. */
    leaseMs?: number;
  };
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
 * LEDGER_RATE_LIMIT_BURST (default 100), read through the one configuration schema
 * (libs/config). A value that is not a positive number is an error at start-up, not a
 * silently open door.
 */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  return {
    ratePerSecond: configValue('LEDGER_RATE_LIMIT_PER_SECOND', env),
    burst: configValue('LEDGER_RATE_LIMIT_BURST', env),
  };
}
