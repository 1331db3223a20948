import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/postgres-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 9, as a reader of the README meets it: the built server (what `npm start` runs), started
// with LEDGER_TODAY, answers the README's refusal example with the README's body, byte for byte.
// The README's bash block runs as written (curl), with $B, $OFFICE and $J set as its
// walk-through sets them.
const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

function fencedAfter(markdown: string, marker: string): string {
  const at = markdown.indexOf(marker);
  if (at < 0) throw new Error(`README has no ${marker}`);
  const match = /```\w*\n([\s\S]*?)\n```/.exec(markdown.slice(at));
  if (!match) throw new Error(`no fenced block after ${marker}`);
  return match[1]!;
}


describe('the README refusal example over HTTP', () => {
  let db: TestDatabase;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('readme');
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGINT');
      await exited;
    }
    await db.drop();
  });

  it('with LEDGER_TODAY=2026-11-24 answers the README body byte for byte', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const script = fencedAfter(readme, '<!-- readme-refusal:');
    const answer = fencedAfter(readme, '<!-- readme-refusal-answer -->');
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, LEDGER_TODAY: '2026-11-24', PORT: String(port), LEDGER_PROJECTOR: 'off' };
    delete env.NODE_ENV; // Jest sets NODE_ENV=test; the README's user has none
    server = spawn(process.execPath, [API], { env, stdio: 'ignore' });
    const B = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const health = (await fetch(`${B}/health`).then((r) => r.json(), () => undefined)) as { clock?: unknown } | undefined;
      if (health) {
        expect(health.clock).toEqual({ today: '2026-11-24', fixedBy: 'LEDGER_TODAY' });
        break;
      }
      if (Date.now() > deadline) throw new Error('the ledger did not answer /health within 30 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const issued = await run(process.execPath, [CLI, 'credentials', 'issue', '--department', 'residence-office', '--principal', 'counter-01', '--json'], { env });
    const OFFICE = (JSON.parse(issued.stdout) as { token: string }).token;

    const { stdout } = await run('bash', ['-e', '-c', script], { env: { ...env, B, OFFICE, J: 'Content-Type: application/json' } });

    expect(stdout).toBe(answer);
  }, 60_000);

  it('refuses to start with LEDGER_TODAY under NODE_ENV=production, exit 78, naming the variable', async () => {
    const env = { ...process.env, DATABASE_URL: db.url, LEDGER_TODAY: '2026-11-24', NODE_ENV: 'production', PORT: '0' };
    const failed = await run(process.execPath, [API], { env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(78);
    expect(failed?.stderr).toContain('LEDGER_TODAY is set, but NODE_ENV=production');
  }, 30_000);

  it('refuses a LEDGER_TODAY that is not a calendar day, exit 78', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, LEDGER_TODAY: '2026-02-30', PORT: '0' };
    delete env.NODE_ENV;
    const failed = await run(process.execPath, [API], { env }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(78);
    expect(failed?.stderr).toContain('LEDGER_TODAY="2026-02-30" is not a calendar date');
  }, 30_000);
});
