import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, startPostgresProcess, type PostgresProcess } from '../support/postgres-process';

/**
 * Issue 16: after a kill -9, one restart in 14 failed until someone deleted `postmaster.pid` by
 * hand (its stale PID belonged to another process), and the ledger printed only `undefined`.
 * The embedded server's start (libs/database/embedded.ts) removes a postmaster.pid whose PID is
 * not a PostgreSQL on this data folder.
 */
describe('a stale postmaster.pid after kill -9 (issue 16)', () => {
  let parent: string;
  let server: PostgresProcess | undefined;
  let other: ChildProcess | undefined;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'ledger-stalepid-'));
    chmodSync(parent, 0o755);
  });
  afterAll(async () => {
    other?.kill('SIGKILL');
    await server?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('starts on the same data after a kill -9 whose postmaster.pid names another live process', async () => {
    const dataDir = join(parent, 'pg');
    const port = await freePort();
    server = await startPostgresProcess(dataDir, port);
    await server.kill();
    server = undefined;
    const pidFile = join(dataDir, 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    // The PID is given to another program of PostgreSQL's own user, which PostgreSQL can signal
    // and so takes for a live postmaster (a process of another user it ignores).
    const { uid, gid } = statSync(dataDir);
    other = spawn('sleep', ['60'], { uid, gid, stdio: 'ignore' });
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    lines[0] = String(other.pid);
    writeFileSync(pidFile, lines.join('\n'));

    server = await startPostgresProcess(dataDir, port);
    const client = new Client({ connectionString: server.url() });
    await client.connect();
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    await client.end();
    expect(rows[0]!.one).toBe(1);
  }, 60_000);
});
