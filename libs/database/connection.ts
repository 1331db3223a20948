import { Pool, PoolConfig } from 'pg';

/** A pg pool with the settings every part of the ledger uses. */
export function createPool(connectionString: string, overrides: PoolConfig = {}): Pool {
  const pool = new Pool({
    connectionString,
    max: 20,
    idleTimeoutMillis: 30_000,
    application_name: 'entitlement-ledger',
    ...overrides,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Nor may a checked-out one between its queries (a projection folding a batch, an append
  // between attempts): its next query fails and the pool drops it on release. Without a
  // listener, pg emits the server's 57P01 as an unhandled 'error' event.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Creates a database if it is missing (PostgreSQL has no CREATE DATABASE IF NOT EXISTS). */
export async function ensureDatabase(adminConnectionString: string, name: string): Promise<void> {
  const pool = new Pool({ connectionString: adminConnectionString, max: 1 });
  try {
    const found = await pool.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await pool.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // 42P04: a concurrent starter created it first.
        if (error.code !== '42P04') throw error;
      });
    }
  } finally {
    await pool.end();
  }
}
