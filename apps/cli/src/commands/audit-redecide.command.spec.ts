import { Command } from 'commander';
import type { Pool } from 'pg';
import { AuditLogWriter, PostgresAuditLog } from '@ledger/audit';
import { createPool } from '@ledger/database';
import { loadPack, PolicyView } from '@ledger/policy';
import { PostgresEventStore } from '@ledger/event-store';
import { anEvent } from '../../../../libs/event-store/contract/fixtures';
import { buildHistory, HISTORY } from '../../../../libs/read-models/testing/history';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { registerAuditCommands, REDECIDE_EXIT_CODES } from './audit.command';

describe('ledger audit redecide', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let log: PostgresAuditLog;

  async function ledger(args: string[]): Promise<{ out: string; exitCode: number }> {
    let out = '';
    const program = new Command('ledger').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
    registerAuditCommands(program, {
      write: (text) => (out += text),
      withAudit: (work) => work({ store, pool, log, policy: new PolicyView(loadPack('panzhihua')) }),
      progress: false,
      now: () => '2026-11-24T08:00:00.000Z',
    });
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
    db = await createTestDatabase('cli_redecide');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    pool = createPool(db.url, { max: 4 });
    log = await PostgresAuditLog.open(pool);
    // w-zhang's registration, residence, application and permit, decided through the commands.
    await buildHistory(store, HISTORY.filter(([, , subject]) => subject === 'w-zhang').slice(0, 4));
    // A decision appended straight to the store, keeping no command.
    await store.appendToStream('residence-permit-w-bare', [anEvent('PermitApplied', { decision: { packId: 'panzhihua', packVersion: '1.0.0', rules: [], inputs: {} } })], { expectedRevision: 'no_stream' });
    await new AuditLogWriter(store, log).catchUp();
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('prints the re-decision as JSON and exits 0 when it reproduces', async () => {
    const [, applied] = await store.readStream('residence-permit-w-zhang');
    const { out, exitCode } = await ledger(['audit', 'redecide', '--event', applied!.eventId]);
    expect(exitCode).toBe(REDECIDE_EXIT_CODES.reproduced);
    expect(JSON.parse(out)).toMatchObject({ verdict: 'reproduced', event: { eventId: applied!.eventId, type: 'PermitApplied' }, ownPack: { outcome: 'same' } });
  });

  it('exits 3 for a decision it cannot replay, 4 for a fact or an unknown event', async () => {
    const [bare] = await store.readStream('residence-permit-w-bare');
    const notReplayable = await ledger(['audit', 'redecide', '--event', bare!.eventId]);
    expect([notReplayable.exitCode, JSON.parse(notReplayable.out).verdict]).toEqual([3, 'not-replayable']);
    const [registered] = await store.readStream('worker-w-zhang');
    expect(await ledger(['audit', 'redecide', '--event', registered!.eventId])).toEqual({ out: `event ${registered!.eventId} records no decision\n`, exitCode: 4 });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await ledger(['audit', 'redecide', '--event', unknown])).toEqual({ out: `no event ${unknown} is in the verifiable log\n`, exitCode: 4 });
  });
});
