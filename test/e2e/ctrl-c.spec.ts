import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/postgres-process';

// Issue 14 item 7, as a terminal user meets it: Ctrl-C signals the whole foreground process
// group. The API drains first, PostgreSQL stops after it, no FATAL line is printed, and no
// access-log row is lost.
const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const started: import('node:child_process').ChildProcess[] = [];

function startServer(env: NodeJS.ProcessEnv) {
  // detached: a process group of its own, as a shell gives a foreground job.
  const child = spawn(process.execPath, [MAIN], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  const out = { text: '' };
  child.stdout!.on('data', (c: Buffer) => (out.text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out.text += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out, exited };
}

async function ready(httpPort: number, out: { text: string }) {
  const deadline = Date.now() + 30_000;
  while (
    (await fetch(`http://127.0.0.1:${httpPort}/health/ready`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  ) {
    if (Date.now() > deadline) throw new Error(`not ready within 30 s:\n${out.text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Ctrl-C on npm start (embedded PostgreSQL)', () => {
  // A failure before the Ctrl-C (a start slower than 30 s) must not leave the server and its
  // PostgreSQL running, nor Jest waiting on their pipes: the launcher passes SIGINT on.
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
  }, 30_000);

  it('stops the API, then PostgreSQL, exit 0, with no FATAL line and every access-log row written', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ledger-ctrlc-'));
    chmodSync(parent, 0o755);
    // Ports the system has just handed out free, not a random pick from a fixed range: under
    // faketime a pick of 56482 met another test file's PostgreSQL on it ("Address already in use").
    const pgPort = await freePort();
    const httpPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LEDGER_DATA_DIR: join(parent, 'data'),
      LEDGER_PG_PORT: String(pgPort),
      PORT: String(httpPort),
      DATABASE_URL: '',
    };
    const { child, out, exited } = startServer(env);
    await ready(httpPort, out);
    // Requests that open connections to PostgreSQL, as a user's would.
    for (let i = 0; i < 5; i++) await fetch(`http://127.0.0.1:${httpPort}/health`);
    // 20 requests without a credential: each is an access-log row, written in batches after
    // the answer. Ctrl-C comes right after the last answer.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${httpPort}/v1/audit/access-log`).then((r) => r.status)),
    );
    expect(new Set(answers)).toEqual(new Set([401]));

    process.kill(-child.pid!, 'SIGINT'); // the whole group, as the terminal does
    expect(await exited).toBe(0);
    expect(await portIsOpen(pgPort)).toBe(false);
    // On a failure, the lines that say why (not Nest's route table).
    if (/FATAL/.test(out.text))
      console.log(
        out.text
          .split('\n')
          .filter((l) => !/RouterExplorer|RoutesResolver|InstanceLoader/.test(l))
          .join('\n'),
      );
    expect(out.text).not.toMatch(/FATAL/);
    const stopping = out.text.indexOf('SIGINT: stopping');
    expect(stopping).toBeGreaterThan(-1);
    expect(out.text.indexOf('stopped cleanly')).toBeGreaterThan(stopping);

    // The next start finds every row.
    const second = startServer(env);
    await ready(httpPort, second.out);
    const client = new Client({ connectionString: `postgres://ledger:ledger@127.0.0.1:${pgPort}/ledger` });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM api.access_log WHERE decision = 'unauthenticated' AND route = '/v1/audit/access-log'`,
    );
    await client.end();
    process.kill(-second.child.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
    expect(Number(rows[0]!.n)).toBe(20);
  }, 90_000);
});
