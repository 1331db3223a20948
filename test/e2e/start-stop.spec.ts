import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore } from '@ledger/event-store';
import { freePort } from '../support/postgres-process';

// Non-negotiable 1, as a user meets it: the built server (what `npm start` runs) starts its
// embedded PostgreSQL and answers /health within 30 s; Ctrl-C (SIGINT) stops PostgreSQL
// cleanly; a second start finds the same data. `npm test` builds dist/ first.
const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function start(env: NodeJS.ProcessEnv, httpPort: number): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: 'ignore' });
  while (Date.now() - started < 30_000) {
    const ok = await fetch(`http://127.0.0.1:${httpPort}/health`).then((r) => r.status === 200, () => false);
    if (ok) return { child, readyMs: Date.now() - started };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the ledger did not answer /health within 30 s');
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm start on the embedded default', () => {
  it('answers /health within 30 s, stops PostgreSQL on Ctrl-C, and finds the same data on the next start', async () => {
    expect(existsSync(MAIN)).toBe(true);
    const parent = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
    chmodSync(parent, 0o755);
    const pgPort = await freePort();
    const httpPort = await freePort();
    const env = { LEDGER_DATA_DIR: join(parent, 'data'), LEDGER_PG_PORT: String(pgPort), PORT: String(httpPort), DATABASE_URL: '' };

    const first = await start(env, httpPort);
    expect(first.readyMs).toBeLessThan(30_000);
    const url = `postgres://ledger:ledger@127.0.0.1:${pgPort}/ledger`;
    const store = await PostgresEventStore.connect(url, { poolSize: 2 });
    const eventId = randomUUID();
    await store.appendToStream('worker-e2e', [{ eventId, type: 'WorkerRegistered', data: {}, metadata: { actor: { department: 'office', principal: 'e2e' } } }], { expectedRevision: 'no_stream' });
    await store.close();

    const exit = exited(first.child);
    first.child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(await portIsOpen(pgPort)).toBe(false); // PostgreSQL stopped with it

    const second = await start(env, httpPort);
    const again = await PostgresEventStore.connect(url, { poolSize: 2 });
    const [stored] = await again.readStream('worker-e2e');
    expect(stored?.eventId).toBe(eventId);
    await again.close();
    const exit2 = exited(second.child);
    second.child.kill('SIGINT');
    expect(await exit2).toBe(0);
  }, 90_000);
});
