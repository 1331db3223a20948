import { Command } from 'commander';
import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { ensureApiSchema } from '../../../api/src/security/api-schema';
import { CredentialService } from '../../../api/src/security/credential.service';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { registerCredentialsCommands } from './credentials.command';

describe('ledger credentials', () => {
  let db: TestDatabase;
  let pool: Pool;
  let service: CredentialService;

  /** Runs `ledger <args>` against the test database and returns what it printed and the exit code. */
  async function ledger(args: string[]): Promise<{ out: string; exitCode: number }> {
    let out = '';
    const program = new Command('ledger')
      .exitOverride()
      .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
    registerCredentialsCommands(program, { write: (text) => (out += text), withCredentials: (work) => work(service) });
    const before = process.exitCode;
    process.exitCode = 0;
    try {
      await program.parseAsync(args, { from: 'user' });
      return { out, exitCode: Number(process.exitCode ?? 0) };
    } finally {
      process.exitCode = before;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('cli_credentials');
    pool = createPool(db.url, { max: 2 });
    await ensureApiSchema(pool);
    service = new CredentialService(pool, { cacheMs: 0 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('issues a token once, for a department and principal, with the lawful scopes', async () => {
    const { out, exitCode } = await ledger([
      'credentials',
      'issue',
      '--department',
      'education',
      '--principal',
      '区教育局 入学科',
    ]);
    expect(exitCode).toBe(0);
    const token = /^token (ledger_\S+)$/m.exec(out)?.[1];
    expect(token).toBeDefined();
    expect(out).toMatch(/education {2}区教育局 入学科 {2}active/);
    expect(out).toContain('residence-permit:read');
    expect(out).toContain('shown once');
    expect(await service.authenticate(token!)).toMatchObject({ department: 'education', principal: '区教育局 入学科' });
  });

  it('issues with narrowed scopes and refuses wider ones, exit code 2', async () => {
    const narrowed = await ledger([
      'credentials',
      'issue',
      '--department',
      'hrss',
      '--principal',
      'sync',
      '--scopes',
      'insurance:read, feed:read',
      '--json',
    ]);
    expect(JSON.parse(narrowed.out)).toMatchObject({
      department: 'hrss',
      scopes: ['insurance:read', 'feed:read'],
      token: expect.stringMatching(/^ledger_/),
    });
    const wider = await ledger([
      'credentials',
      'issue',
      '--department',
      'health',
      '--principal',
      'x',
      '--scopes',
      'insurance:read',
    ]);
    expect(wider.exitCode).toBe(2);
    expect(wider.out).toContain('health may not hold insurance:read');
  });

  it('lists credentials without their tokens, and revokes one', async () => {
    const issued = JSON.parse(
      (await ledger(['credentials', 'issue', '--department', 'audit', '--principal', '审计局', '--json'])).out,
    ) as { id: string; token: string };
    const listed = await ledger(['credentials', 'list']);
    expect(listed.out).toContain(`${issued.id}  audit  审计局  active`);
    expect(listed.out).not.toContain(issued.token);

    const revoked = await ledger(['credentials', 'revoke', issued.id]);
    expect(revoked).toEqual({ out: `revoked ${issued.id}\n`, exitCode: 0 });
    expect(await service.authenticate(issued.token)).toBeNull();
    expect((await ledger(['credentials', 'list'])).out).toMatch(
      new RegExp(`${issued.id} {2}audit {2}审计局 {2}REVOKED`),
    );
    expect((await ledger(['credentials', 'list', '--active'])).out).not.toContain(issued.id);
    expect((await ledger(['credentials', 'revoke', issued.id])).exitCode).toBe(5); // EXIT.NOT_FOUND
    expect((await ledger(['credentials', 'revoke', 'not-an-id'])).exitCode).toBe(5);
  });
});
