import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 14 item 9: every example `ledger --help` prints runs, as printed, top to bottom on a
// fresh ledger, and exits 0. `ledger` is the built CLI (what `npm run ledger --` runs); the
// commands that act use the token the first example prints, through LEDGER_TOKEN.
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

describe('ledger --help examples', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('clihelp');
  });
  afterAll(() => db.drop());

  it('each example in the help runs and exits 0', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, LEDGER_TODAY: '2026-11-24' };
    delete env.NODE_ENV;
    delete env.LEDGER_TOKEN;
    const help = (await run(process.execPath, [CLI, '--help'], { env })).stdout;
    const examples = help
      .split('\n')
      .filter((line) => line.startsWith('  $ ledger '))
      .map((line) => line.slice('  $ '.length));
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples[0]).toMatch(/^ledger credentials issue /);
    for (const example of examples) {
      // As a shell runs the line (its quoting), with `ledger` the built CLI.
      const result = await run('bash', ['-c', `ledger() { "${process.execPath}" "${CLI}" "$@"; }\n${example}`], { env }).then(
        ({ stdout }) => ({ example, code: 0, stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({ example, code: error.code, stdout: error.stdout + error.stderr }),
      );
      expect(result).toMatchObject({ example, code: 0 });
      const token = /^token (ledger_\S+)$/m.exec(result.stdout)?.[1];
      if (token) env.LEDGER_TOKEN = token;
    }
    expect(env.LEDGER_TOKEN).toBeDefined();
  }, 120_000);
});
