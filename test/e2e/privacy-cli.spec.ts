import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { ensureApiSchema } from '../../apps/api/src/security/api-schema';
import { CredentialService } from '../../apps/api/src/security/credential.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 11 in the CLI, as an operator meets it (docs/privacy.md): the development keys made in
// the data folder, the fields stored encrypted, the master key rotated, the worker erased, and
// `store verify` green before and after.
const CLI = join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);

describe('ledger privacy', () => {
  let db: TestDatabase;
  let pool: Pool;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase('privcli');
    pool = new Pool({ connectionString: db.url, max: 1 });
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-privacy-'));
    // `ledger command` acts under a credential (LEDGER_TOKEN).
    await ensureApiSchema(pool);
    token = (await new CredentialService(pool).issue({ department: 'residence-office', principal: 'counter-01' })).token;
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let withToken = true;
  async function ledger(...args: string[]): Promise<{ code: number; stdout: string }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      LEDGER_DATA_DIR: dataDir,
      LEDGER_TODAY: '2026-11-24',
      LEDGER_TOKEN: token,
    };
    delete env.NODE_ENV;
    if (!withToken) delete env.LEDGER_TOKEN;
    return run(process.execPath, [CLI, ...args], { env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
  }

  it('registers a worker with its fields encrypted, rotates the master key, erases the worker, and every chain verifies throughout', async () => {
    const data = JSON.stringify({
      name: '李娜',
      idNumber: '11010519491231002X',
      phone: '13800000009',
      birthDate: '1949-12-31',
      hukouPlace: { areaCode: '513401', address: '西昌市某村' },
      arrivalOn: '2025-01-05',
    });
    expect((await ledger('command', 'RegisterWorker', '--subject', 'w1', '--data', data)).code).toBe(0);
    expect(readFileSync(join(dataDir, 'privacy-master-keys'), 'utf8')).toMatch(/^m1 [A-Za-z0-9+/]{43}=\n$/);
    const stored = await pool.query(`SELECT data::text AS t FROM event_store.events WHERE stream_name = 'worker-w1'`);
    expect(stored.rows[0].t).not.toMatch(/李娜|11010519491231002X|13800000009|西昌市某村/);

    const rotated = await ledger('privacy', 'rotate-master-key');
    expect(rotated).toEqual({
      code: 0,
      stdout: 'rotated: 1 data key(s) now wrapped by master key m2; the older keys may be removed from the file\n',
    });
    expect((await ledger('privacy', 'status', 'w1')).stdout).toBe('open\n');

    // Under a credential only (LEDGER_TOKEN or --token): privacy.actions records whose it is.
    withToken = false;
    expect(await ledger('privacy', 'erase', 'w1')).toEqual({
      code: 77,
      stdout:
        'UNAUTHORIZED: this command acts under a credential: set LEDGER_TOKEN or pass --token (issue one with `ledger credentials issue`)\n',
    });
    withToken = true;
    // A refused command of w1's, as the API records it in the audit log (owned by the owner, not
    // by the store's role): erasure blanks its personal fields too.
    await pool.query(
      `INSERT INTO audit_log.refusals (id, subject_id, stream_name, command_type, command, actor_department,
         actor_principal, rule_id, source, quote, detail, refusal)
       VALUES ('00000000-0000-4000-8000-000000000001', 'w1', 'worker-w1', 'ChangeAddress', $1, 'residence-office',
         'counter-01', 'r', 's', 'q', 'd', '{}')`,
      [JSON.stringify({ address: { line: '成都市某街 1 号', areaCode: '510104' } })],
    );
    const erased = await ledger('privacy', 'erase', 'w1');
    expect(erased).toEqual({
      code: 0,
      stdout: "erased: worker w1's data key is destroyed; its personal fields read [erased]; no event was changed\n",
    });
    expect((await ledger('privacy', 'status', 'w1')).stdout).toBe('erased\n');
    const refused = await pool.query(`SELECT command FROM audit_log.refusals WHERE subject_id = 'w1'`);
    expect(refused.rows).toEqual([{ command: { address: { line: '[erased]', areaCode: '510104' } } }]);
    expect(await ledger('store', 'verify')).toEqual({
      code: 0,
      stdout: 'verified: 1 stream(s), 1 event(s), every hash chain holds\n',
    });
    const actions = await pool.query('SELECT worker_id, action, actor FROM privacy.actions ORDER BY id');
    expect(actions.rows).toEqual([
      { worker_id: null, action: 'rotate:m2', actor: 'residence-office/counter-01' },
      { worker_id: 'w1', action: 'erase', actor: 'residence-office/counter-01' },
    ]);
  }, 60_000);
});
