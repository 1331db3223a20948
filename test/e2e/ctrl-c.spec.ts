import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Issue 14 item 7, as a terminal user meets it: Ctrl-C signals the whole foreground process
// group. The API drains first, PostgreSQL stops after it, and no FATAL line is printed.
const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('Ctrl-C on npm start (embedded PostgreSQL)', () => {
  it('stops the API, then PostgreSQL, exit 0, with no FATAL line', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ledger-ctrlc-'));
    chmodSync(parent, 0o755);
    const pgPort = 56400 + Math.floor(Math.random() * 100);
    const httpPort = 4400 + Math.floor(Math.random() * 100);
    const env: NodeJS.ProcessEnv = { ...process.env, LEDGER_DATA_DIR: join(parent, 'data'), LEDGER_PG_PORT: String(pgPort), PORT: String(httpPort), DATABASE_URL: '' };
    // detached: a process group of its own, as a shell gives a foreground job.
    const child = spawn(process.execPath, [MAIN], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while ((await fetch(`http://127.0.0.1:${httpPort}/health/ready`).then((r) => r.status, () => 0)) !== 200) {
      if (Date.now() > deadline) throw new Error(`not ready within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Requests that open connections to PostgreSQL, as a user's would.
    for (let i = 0; i < 5; i++) await fetch(`http://127.0.0.1:${httpPort}/health`);

    process.kill(-child.pid!, 'SIGINT'); // the whole group, as the terminal does
    expect(await exited).toBe(0);
    expect(await portIsOpen(pgPort)).toBe(false);
    if (/FATAL/.test(output)) console.log(output.split("\n").filter((l) => !/RouterExplorer|RoutesResolver|InstanceLoader/.test(l)).join("\n"));
    expect(output).not.toMatch(/FATAL/);
    const stopping = output.indexOf('SIGINT: stopping');
    expect(stopping).toBeGreaterThan(-1);
    expect(output.indexOf('stopped cleanly')).toBeGreaterThan(stopping);
  }, 60_000);
});
