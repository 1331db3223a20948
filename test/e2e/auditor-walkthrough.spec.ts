import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/postgres-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 10, as an auditor meets the README: the built server (what `npm start` runs) records the
// first walk-through's worker; the auditor's block runs as written (curl, `npm run ledger`) and
// exports w-001's bundle at once (the export signs a checkpoint of every committed event, no
// wait for the periodic one); the server stops; plain `node` verifies the bundle with the key
// file. The README's blocks run from a fresh folder holding only links to package.json,
// scripts/ and dist/, so the files they write (ledger.vkey, the bundle) land there.
// LEDGER_TODAY holds the ledger's date still, so the re-decision does not hang on the wall clock.
const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const run = promisify(execFile);

function fencedAfter(markdown: string, marker: string): string {
  const at = markdown.indexOf(marker);
  if (at < 0) throw new Error(`README has no ${marker}`);
  const match = /```\w*\n([\s\S]*?)\n```/.exec(markdown.slice(at));
  if (!match) throw new Error(`no fenced block after ${marker}`);
  return match[1]!;
}

/** The README's `# expected output` comment lines, in order, under each block's commands. */
function expectedLines(block: string): string[] {
  return block
    .split('\n')
    .filter((l) => /^# (wrote|verified)/.test(l))
    .map((l) => l.slice(2));
}

describe('the README auditor walk-through', () => {
  let db: TestDatabase;
  let server: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'auditor-walkthrough-'));

  async function stopServer(): Promise<void> {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGINT');
      await exited;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('auditor_walk');
    for (const name of ['package.json', 'scripts', 'dist']) symlinkSync(join(ROOT, name), join(dir, name));
  });

  afterAll(async () => {
    await stopServer();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports w-001 at once, verifies it offline with the key after the server stopped, and rejects a changed byte with exit 2', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const counter = fencedAfter(readme, '<!-- readme-walkthrough:');
    const online = fencedAfter(readme, '<!-- auditor-walkthrough-online:');
    const offline = fencedAfter(readme, '<!-- auditor-walkthrough-offline -->');
    expect(online).not.toMatch(/\bsleep\b/);

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      LEDGER_TODAY: '2026-11-24',
      LEDGER_DATA_DIR: join(dir, '.ledger-data'), // the development keys npm start makes, where the CLI finds them
      PORT: String(port),
    };
    delete env.NODE_ENV; // Jest sets NODE_ENV=test; the README's user has none
    server = spawn(process.execPath, [API], { env, stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error('the ledger did not answer /health within 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }

    // The counter's walk-through and the auditor's, in one shell as a reader types them; the
    // README's `B=http://127.0.0.1:3000` pointed at this server's port.
    const script = `${counter.replace('B=http://127.0.0.1:3000', `B=http://127.0.0.1:${port}`)}\n${online}`;
    const { stdout } = await run('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd: dir, env, maxBuffer: 16 << 20 });
    expect(stdout).toContain('reproduced same same\n');
    expect(stdout).toContain(`${expectedLines(online)[0]}\n`);
    expect(expectedLines(online)[0]).toBe('wrote w-001.bundle.json: 4 event(s) in 2 stream(s)');
    // the checkpoint the export signed covers every event of the walk-through
    expect(readFileSync(join(dir, 'kept-checkpoint.txt'), 'utf8').split('\n')[1]).toBe('4');

    await stopServer();
    expect(server.exitCode ?? server.signalCode).toBeDefined();

    // Offline: plain node, no database (DATABASE_URL gone too), the key file and the bundle.
    const bare = { PATH: process.env.PATH };
    const verified = await run('bash', ['-e', '-c', offline], { cwd: dir, env: bare });
    expect(verified.stdout).toBe(`${expectedLines(offline).join('\n')}\n`);
    expect(expectedLines(offline)).toEqual([
      'verified: 4 event(s) in 2 stream(s), each in the tree of size 4 signed by ledger.example.gov.cn/panzhihua',
    ]);

    // One byte changed in the bundle: a digit of the worker's arrival date (2025 → 2026).
    const bundleFile = join(dir, 'w-001.bundle.json');
    const bundle = readFileSync(bundleFile);
    const at = bundle.indexOf('"2025-01-05"');
    expect(at).toBeGreaterThan(0);
    bundle[at + 4] = '6'.charCodeAt(0);
    writeFileSync(bundleFile, bundle);
    const rejected = await run('bash', ['-c', offline], { cwd: dir, env: bare }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(rejected?.code).toBe(2);
    expect(rejected?.stdout).toMatch(/^REJECTED: worker-w-001 revision 0: the hash does not match the event's content\n$/);
  }, 300_000); // seven CLI runs: seconds on an idle machine, far longer on a loaded one
});
