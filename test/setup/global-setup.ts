import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../libs/database/embedded';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the run's one real PostgreSQL; workers inherit its address through the environment. */
export default async function globalSetup(): Promise<void> {
  if (process.env.LEDGER_TEST_DATABASE_URL) return; // a server supplied from outside
  const parent = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach it
  const server = await startEmbeddedPostgres({
    dataDir: join(parent, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  process.env.LEDGER_TEST_DATABASE_URL = server.connectionString('postgres');
  (globalThis as { __ledgerPostgres?: typeof server }).__ledgerPostgres = server;
}
