import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PostgresEventStore } from '@ledger/event-store';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 14 item 9, as an operator meets it: `store verify` of a stream that does not exist is
// an error, `store tail` names each event's stream, each failure has its own exit code
// (apps/cli/src/exit-codes.ts), and `npm run ledger` leaves dist/ in place.
const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

describe('the operators’ CLI', () => {
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase('cliops');
    env = { ...process.env, DATABASE_URL: db.url };
    const store = await PostgresEventStore.connect(db.url, { poolSize: 1 });
    await store.appendToStream(
      'worker-ops1',
      [
        {
          eventId: randomUUID(),
          type: 'WorkerRegistered',
          data: {},
          metadata: { actor: { department: 'office', principal: 'e2e' } },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await store.close();
  });
  afterAll(() => db.drop());

  const ledger = (file: string, ...args: string[]) =>
    run(process.execPath, [file, ...args], { env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it('store verify --stream of a stream that does not exist: NOT FOUND, exit 5', async () => {
    expect(await ledger(CLI, 'store', 'verify', '--stream', 'worker-nobody')).toEqual({
      code: 5,
      stdout: 'NOT FOUND: stream worker-nobody does not exist\n',
    });
    expect(await ledger(CLI, 'store', 'verify', '--stream', 'worker-ops1')).toEqual({
      code: 0,
      stdout: 'verified: 1 stream(s), 1 event(s), every hash chain holds\n',
    });
  });

  it('store read of a stream with no events exits 5', async () => {
    expect(await ledger(CLI, 'store', 'read', 'worker-nobody')).toEqual({
      code: 5,
      stdout: 'NOT FOUND: stream worker-nobody has no events\n',
    });
  });

  it('store tail prints each event’s stream', async () => {
    const { code, stdout } = await ledger(CLI, 'store', 'tail');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^worker-ops1 #0 @\d+ .* WorkerRegistered v1 by office\/e2e \{\}\n$/);
  });

  it('a wrong command line exits 64 (EX_USAGE), not 1 or 2', async () => {
    expect((await ledger(CLI, 'store', 'verify', '--no-such-option')).code).toBe(64);
  });

  it('npm run ledger runs the CLI without emptying dist/ under a running server', async () => {
    const sentinel = join(ROOT, 'dist', `.sentinel-${randomUUID()}`);
    writeFileSync(sentinel, '');
    try {
      const result = await ledger(join(ROOT, 'scripts', 'ledger.js'), 'store', 'verify', '--stream', 'worker-ops1');
      expect(result.code).toBe(0);
      expect(existsSync(sentinel)).toBe(true);
    } finally {
      rmSync(sentinel, { force: true });
    }
  });
});
