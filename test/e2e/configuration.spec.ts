import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/postgres-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 14 item 6, as an operator meets it: the built server (what `npm start` runs) validates
// its whole environment against libs/config before it starts anything.
const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const PROJECTOR = join(ROOT, 'dist', 'apps', 'projector', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);


async function failure(file: string, args: string[], env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const failed = await run(process.execPath, [file, ...args], { env, timeout: 10_000 }).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  return { code: failed?.code, stderr: failed?.stderr ?? '', ms: Date.now() - started };
}

describe('configuration at start-up', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('config');
  });
  afterAll(() => db.drop());

  it('PORT=abc: the API exits 78 within 2 s naming PORT, before PostgreSQL starts', async () => {
    const { code, stderr, ms } = await failure(API, [], { ...process.env, PORT: 'abc', DATABASE_URL: '' });
    expect(code).toBe(78);
    expect(stderr).toBe('configuration: PORT must be a port number (0-65535), not "abc"\n');
    expect(ms).toBeLessThan(2_000);
  });

  it('npm start checks the configuration right after compiling, before the console is built', async () => {
    const start = (require(join(ROOT, 'package.json')) as { scripts: { start: string } }).scripts.start.split(' && ');
    const check = start.indexOf('node dist/apps/api/src/main.js --check-config');
    expect(start.indexOf('npm run build --silent')).toBe(0);
    expect(check).toBe(1);
    expect(start.findIndex((step) => step.startsWith('npm run build:console'))).toBeGreaterThan(check);
    const wrong = await failure(API, ['--check-config'], { ...process.env, PORT: 'abc', DATABASE_URL: '' });
    expect(wrong).toMatchObject({ code: 78, stderr: 'configuration: PORT must be a port number (0-65535), not "abc"\n' });
    expect(wrong.ms).toBeLessThan(2_000);
    // A right configuration: exit 0 at once, nothing started.
    const right = await run(process.execPath, [API, '--check-config'], { env: { ...process.env, PORT: '3999', DATABASE_URL: '' }, timeout: 10_000 });
    expect(right.stdout + right.stderr).toBe('');
  });

  it('LEDGER_PROJECTOR=maybe: the projector and the CLI refuse it too, exit 78', async () => {
    const env = { ...process.env, LEDGER_PROJECTOR: 'maybe', DATABASE_URL: db.url };
    for (const [file, args] of [
      [PROJECTOR, []],
      [CLI, ['store', 'tail']],
    ] as const) {
      const { code, stderr } = await failure(file, [...args], env);
      expect(code).toBe(78);
      expect(stderr).toBe('configuration: LEDGER_PROJECTOR must be true/false, 1/0, yes/no or on/off, not "maybe"\n');
    }
  });

  it('LEDGER_PROJECTOR=false turns the in-process projector off', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      LEDGER_PROJECTOR: 'false',
    };
    const child = spawn(process.execPath, [API], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 30_000;
      let health: { projections: { name: string; state?: string }[] } | undefined;
      while (!health) {
        health = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => (r.ok ? (r.json() as Promise<typeof health>) : undefined),
          () => undefined,
        );
        if (Date.now() > deadline) throw new Error(`no /health within 30 s:\n${output}`);
        if (!health) await new Promise((r) => setTimeout(r, 200));
      }
      expect(output).toContain('projector off (LEDGER_PROJECTOR): this process serves the API only');
      // A projector in this process would have created its checkpoints and report their states.
      expect(health.projections).toEqual([]);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
  }, 40_000);
});
