import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { PostgresEventStore } from '@ledger/event-store';
import { ensureApiSchema } from '../../apps/api/src/security/api-schema';
import { CredentialService } from '../../apps/api/src/security/credential.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 9 item 7 in the CLI, as an operator meets it: `ledger command` (the built CLI, what
// `npm run ledger` runs) fills the subject from --subject, refuses a payload naming another,
// and refuses bad input with exit 2 and nothing appended; LEDGER_TODAY is its date too. Issue 14
// item 9: it acts under a credential (LEDGER_TOKEN or --token), and the actor recorded is the
// credential's; without one, or with one that cannot send the command, exit 77 and nothing appended.
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
}

describe('ledger command', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let credentials: CredentialService;
  let office: { id: string; token: string };

  beforeAll(async () => {
    db = await createTestDatabase('clicmd');
    store = await PostgresEventStore.connect(db.url, { poolSize: 2 });
    pool = new Pool({ connectionString: db.url, max: 1 });
    await ensureApiSchema(pool);
    credentials = new CredentialService(pool, { cacheMs: 0 });
    const issued = await credentials.issue({ department: 'residence-office', principal: 'counter-07' });
    office = { id: issued.credential.id, token: issued.token };
  });
  afterAll(async () => {
    await pool?.end();
    await store?.close();
    await db?.drop();
  });

  async function ledger(...args: string[]): Promise<Result> {
    return ledgerAs(office.token, ...args);
  }

  async function ledgerAs(token: string | undefined, ...args: string[]): Promise<Result> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, LEDGER_TODAY: '2026-11-24' };
    delete env.NODE_ENV;
    delete env.LEDGER_TOKEN;
    if (token) env.LEDGER_TOKEN = token;
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

  it('without a credential, or with one that is revoked or cannot send the command: UNAUTHORIZED, exit 77, nothing appended', async () => {
    const none = await ledgerAs(undefined, 'command', 'RegisterResidence', '--subject', 'w1', '--data', residence());
    expect(none).toEqual({
      code: 77,
      stdout:
        'UNAUTHORIZED: this command acts under a credential: set LEDGER_TOKEN or pass --token (issue one with `ledger credentials issue`)\n',
    });
    const education = await credentials.issue({ department: 'education', principal: 'enrolment-office' });
    const unscoped = await ledgerAs(education.token, 'command', 'RegisterResidence', '--subject', 'w1', '--data', residence());
    expect(unscoped).toEqual({
      code: 77,
      stdout: 'UNAUTHORIZED: education/enrolment-office does not hold residence-permit:write:RegisterResidence (docs/access.md)\n',
    });
    const revoked = await credentials.issue({ department: 'residence-office', principal: 'counter-08' });
    await credentials.revoke(revoked.credential.id);
    const gone = await ledgerAs(undefined, 'command', 'RegisterResidence', '--subject', 'w1', '--token', revoked.token, '--data', residence());
    expect(gone).toEqual({ code: 77, stdout: 'UNAUTHORIZED: the token is not an active credential (unknown or revoked)\n' });
    // The actor is not something the operator types: the old options are gone (a usage error).
    expect((await ledger('command', 'RegisterResidence', '--subject', 'w1', '--department', 'public-security', '--data', residence())).code).toBe(64);
    expect(await events('residence-permit-w1')).toBe(0);
  }, 60_000);

  it('fills the subject when the payload names none, and appends, recording the credential as the actor', async () => {
    const result = await ledger('command', 'RegisterResidence', '--subject', 'w1', '--data', residence());
    expect(result.code).toBe(0);
    const [event] = await store.readStream('residence-permit-w1');
    expect(event?.type).toBe('ResidenceRegistered');
    expect((event?.data as { workerId: string }).workerId).toBe('w1');
    expect(event?.metadata.actor).toEqual({ department: 'residence-office', principal: 'counter-07' });
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
