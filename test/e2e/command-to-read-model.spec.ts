import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { freePort } from '../support/postgres-process';

// Issue 5, as an operator meets it: with `npm start` running, a command sent through the CLI
// (the same CommandBus as the API) shows in its department's read model within a second, and
// /metrics shows each projection's lag.
const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a command through the CLI, read from its department read model', () => {
  let server: ChildProcess;
  let env: NodeJS.ProcessEnv;
  let pool: Pool;
  let httpPort: number;

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ledger-e2e-cmd-'));
    chmodSync(parent, 0o755);
    const pgPort = await freePort();
    httpPort = await freePort();
    env = { ...process.env, LEDGER_DATA_DIR: join(parent, 'data'), LEDGER_PG_PORT: String(pgPort), PORT: String(httpPort), DATABASE_URL: '' };
    server = spawn(process.execPath, [API], { env, stdio: 'ignore' });
    for (const started = Date.now(); ; await sleep(200)) {
      const ok = await fetch(`http://127.0.0.1:${httpPort}/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (Date.now() - started > 30_000) throw new Error('no /health within 30 s');
    }
    pool = new Pool({ connectionString: `postgres://ledger:ledger@127.0.0.1:${pgPort}/ledger`, max: 2 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGINT');
    await exited;
  });

  it('shows a registration in public_security.permits within a second, and the lag on /metrics', async () => {
    const workerId = `e2e-${Date.now()}`;
    const data = JSON.stringify({ workerId, address: { line: '攀枝花市东区炳草岗大街1号', districtCode: '510402' }, arrivalOn: '2023-08-31' });
    // The CLI acts under a credential, as the API does (LEDGER_TOKEN).
    const issued = await promisify(execFile)(
      process.execPath,
      [CLI, 'credentials', 'issue', '--department', 'residence-office', '--principal', 'e2e', '--json'],
      { env },
    );
    const token = (JSON.parse(issued.stdout) as { token: string }).token;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI, 'command', 'RegisterResidence', '--subject', workerId, '--data', data],
      { env: { ...env, LEDGER_TOKEN: token } },
    );
    const appended = Date.now();
    expect(JSON.parse(stdout)).toMatchObject({ streamName: `residence-permit-${workerId}`, revision: 0 });
    let seenAfterMs = -1;
    while (Date.now() - appended < 5_000) {
      const { rows } = await pool.query('SELECT status FROM public_security.permits WHERE worker_id = $1', [workerId]).catch(() => ({ rows: [] }));
      if (rows.length > 0) {
        seenAfterMs = Date.now() - appended;
        break;
      }
      await sleep(20);
    }
    expect(seenAfterMs).toBeGreaterThanOrEqual(0);
    expect(seenAfterMs).toBeLessThan(1_000);

    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(metrics).toMatch(/ledger_projection_lag_events\{projection="public_security"\} \d+/);
    expect(metrics).toMatch(/ledger_projection_lag_seconds\{projection="public_security"\} [\d.]+/);
  }, 60_000);
});
