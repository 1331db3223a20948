/** Seconds a client is asked to wait before retrying while the database is away. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

// Node socket errors when PostgreSQL is not there or went away mid-query.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE: class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect
// now: a restart in progress), 53300 (too many connections).
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
// node-postgres reports a lost or refused connection by message only.
const PG_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection refused/i,
];

/**
 * Whether an error means PostgreSQL is unreachable (down, restarting, out of connections), not
 * that the request or the ledger is wrong: the caller gets 503 with Retry-After (issue 16), and
 * a retry with the same Idempotency-Key after the outage is answered once.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, message, errors, cause } = e as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && PG_MESSAGES.some((m) => m.test(message))) return true;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = cause;
  }
  return false;
}
