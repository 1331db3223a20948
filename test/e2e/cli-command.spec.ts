import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PostgresEventStore } from '@ledger/event-store';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 9 item 7 in the CLI, as an operator meets it: `ledger command` (the built CLI, what
// `npm run ledger` runs) fills the subject from --subject, refuses a payload naming another,
// and refuses bad input with exit 2 and nothing appended; LEDGER_TODAY is its date too.
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
}

describe('ledger command', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('clicmd');
    store = await PostgresEventStore.connect(db.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  async function ledger(...args: string[]): Promise<Result> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, LEDGER_TODAY: '2026-11-24' };
    delete env.NODE_ENV;
    return run(process.execPath, [CLI, ...args], { env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
  }

  const events = async (stream: string) => (await store.readStream(stream)).length;
  const residence = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ address: { line: '东区炳草岗大街1号', districtCode: '510402' }, arrivalOn: '2026-06-01', ...extra });

  it('refuses a payload whose subject differs from --subject: exit 2, nothing appended', async () => {
    const result = await ledger('command', 'RegisterResidence', '--subject', 'w1', '--data', residence({ workerId: 'w2' }));
    expect(result.code).toBe(2);
    expect(result.stdout.trim()).toBe('INVALID: workerId in --data ("w2") differs from --subject ("w1")');
    expect(await events('residence-permit-w1')).toBe(0);
    expect(await events('residence-permit-w2')).toBe(0);
  }, 30_000);

  it('refuses a fact dated after the ledger\'s today: exit 2, nothing appended', async () => {
    const result = await ledger('command', 'RegisterResidence', '--subject', 'w1', '--data', residence({ arrivalOn: '2026-11-25' }));
    expect(result.code).toBe(2);
    expect(result.stdout.trim()).toBe(
      "INVALID: arrivalOn is 2026-11-25, after the ledger's today (2026-11-24): a fact that has happened cannot be dated in the future",
    );
    expect(await events('residence-permit-w1')).toBe(0);
  }, 30_000);

  it('fills the subject when the payload names none, and appends', async () => {
    const result = await ledger('command', 'RegisterResidence', '--subject', 'w1', '--data', residence());
    expect(result.code).toBe(0);
    const [event] = await store.readStream('residence-permit-w1');
    expect(event?.type).toBe('ResidenceRegistered');
    expect((event?.data as { workerId: string }).workerId).toBe('w1');
  }, 30_000);

  it('decides on LEDGER_TODAY: the permit application of a worker who arrived on 2026-06-01 is refused with the clause, exit 3', async () => {
    const result = await ledger('command', 'ApplyForPermit', '--subject', 'w1', '--data', '{"ground":"stable-job"}');
    expect(result.code).toBe(3);
    expect(result.stdout.split('\n')[0]).toBe(
      'REFUSED: 不予受理居住证申领：居住5个月23天，不满6个月（`permit.apply.conditions`，national-663 第二条）',
    );
    expect(await events('residence-permit-w1')).toBe(1);
  }, 30_000);
});
