import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { freePort } from '../support/postgres-process';

// Issue 14 item 5: the standalone projector serves its own liveness and readiness, logs JSON
// lines, and stops on SIGTERM with exit 0 (what Kubernetes sends).
const PROJECTOR = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');

describe('the standalone projector', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('projprobe');
  });
  afterAll(() => db.drop());

  it('answers /health/live and /health/ready, logs JSON, and stops on SIGTERM with exit 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [PROJECTOR], {
      env: { ...process.env, DATABASE_URL: db.url, LEDGER_PROJECTOR_HEALTH_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    let ready: Response | undefined;
    while (!ready || ready.status !== 200) {
      if (Date.now() > deadline) throw new Error(`not ready within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
      ready = await fetch(`${base}/health/ready`).catch(() => undefined);
    }
    const body = (await ready.json()) as { status: string; projections: { name: string }[] };
    expect(body.status).toBe('ok');
    expect(body.projections.length).toBeGreaterThan(0);
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'ok' });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Node's own warnings (stderr, `(node:…)`) are not the logger's lines.
    const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['SIGTERM: stopping', 'stopped cleanly']));
  }, 60_000);
});
