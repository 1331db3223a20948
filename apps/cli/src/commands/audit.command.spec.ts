import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Pool } from 'pg';
import { AuditLogWriter, NoteSigner, PostgresAuditLog, recordRefusal } from '@ledger/audit';
import { createPool } from '@ledger/database';
import { loadPack, PolicyView } from '@ledger/policy';
import { PostgresEventStore } from '@ledger/event-store';
import { anEvent } from '../../../../libs/event-store/contract/fixtures';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { registerAuditCommands } from './audit.command';

describe('ledger audit', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let log: PostgresAuditLog;
  const signer = NoteSigner.generate('ledger.example.gov.cn/cli-test');
  const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  const keyFile = join(dir, 'ledger.vkey');
  /** Handed to the session as the deployment's signing key (the last test); the others run as a process without it. */
  let sessionSigner: NoteSigner | undefined;

  async function ledger(args: string[]): Promise<{ out: string; exitCode: number }> {
    let out = '';
    const program = new Command('ledger').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
    registerAuditCommands(program, {
      write: (text) => (out += text),
      withAudit: (work) => work({ store, pool, log, policy: new PolicyView(loadPack('panzhihua')), configuredKey: signer.verifierKey, signer: sessionSigner }),
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
    db = await createTestDatabase('cli_audit');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    pool = createPool(db.url, { max: 4 });
    log = await PostgresAuditLog.open(pool);
    for (const s of ['worker-w1', 'residence-permit-w1', 'worker-w2', 'worker-w1']) {
      await store.appendToStream(s, [anEvent()], { expectedRevision: 'any' });
    }
    await new AuditLogWriter(store, log, { signer }).catchUp();
    await log.checkpoint(signer);
    writeFileSync(keyFile, signer.verifierKey);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('verify: untouched data verifies with exit 0, naming events, streams, tree size and root', async () => {
    const { out, exitCode } = await ledger(['audit', 'verify']);
    expect(exitCode).toBe(0);
    expect(out).toBe(
      `verified: 4 events in 3 streams, every chain holds; tree size 4, root ${(await log.root(4)).toString('hex')}; 1 signed checkpoint(s), each extending the last\n`,
    );
  });

  it('verify --stream: a stream that does not exist exits 10', async () => {
    expect(await ledger(['audit', 'verify', '--stream', 'worker-nobody'])).toEqual({ out: 'BROKEN (no-such-stream): stream worker-nobody does not exist\n', exitCode: 10 });
  });

  it('export then verify-bundle: exit 0; the same bundle with a changed byte: exit 2', async () => {
    const file = join(dir, 'w1.json');
    expect(await ledger(['audit', 'export', '--worker', 'w1', '--out', file])).toEqual({ out: `wrote ${file}: 3 event(s) in 2 stream(s)\n`, exitCode: 0 });
    expect(await ledger(['audit', 'verify-bundle', file, '--public-key', keyFile])).toEqual({
      out: 'verified: 3 event(s) in 2 stream(s), each in the tree of size 4 signed by ledger.example.gov.cn/cli-test\n',
      exitCode: 0,
    });
    writeFileSync(file, readFileSync(file, 'utf8').replace('"note": "contract"', '"note": "Contract"'));
    const rejected = await ledger(['audit', 'verify-bundle', file, '--public-key', keyFile]);
    expect(rejected).toEqual({ out: "REJECTED: worker-w1 revision 0: the hash does not match the event's content\n", exitCode: 2 });
  });

  it('explain: an event that records no decision exits 4', async () => {
    const [event] = await store.readStream('worker-w1');
    expect(await ledger(['audit', 'explain', '--event', event!.eventId])).toEqual({ out: `event ${event!.eventId} records no decision\n`, exitCode: 4 });
  });

  it('refusals: lists a subject’s kept refusals, one JSON object a line, and a retried one once', async () => {
    const refusal = {
      id: '6e8da0b6-2654-556b-aad2-f2915fd205c3',
      subjectId: 'w9',
      streamName: 'residence-permit-w9',
      commandType: 'ApplyForPermit',
      command: { workerId: 'w9', ground: 'stable-job' },
      actor: { department: 'residence-office', principal: 'operator' },
      ruleId: 'permit.apply.conditions',
      source: 'national-663 第二条',
      quote: '居住半年以上',
      packId: 'panzhihua',
      packVersion: '1.0.0',
      detail: '不予受理居住证申领：居住5个月23天，不满6个月（`permit.apply.conditions`，national-663 第二条）',
      refusal: { eligibleFrom: '2026-12-01' },
    };
    await recordRefusal(pool, refusal);
    await recordRefusal(pool, refusal);
    const { out, exitCode } = await ledger(['audit', 'refusals', '--subject', 'w9']);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect([exitCode, lines.length]).toEqual([0, 1]);
    expect(lines[0]).toMatchObject(refusal);
  });

  it('export with the signing key: signs a checkpoint of every committed event first, so the bundle holds the newest; audit verify still holds', async () => {
    await store.appendToStream('worker-w1', [anEvent()], { expectedRevision: 'any' }); // not yet in the tree, no checkpoint covers it
    sessionSigner = signer;
    try {
      const file = join(dir, 'w1-now.json');
      expect(await ledger(['audit', 'export', '--worker', 'w1', '--out', file])).toEqual({ out: `wrote ${file}: 4 event(s) in 2 stream(s)\n`, exitCode: 0 });
      expect(await ledger(['audit', 'verify-bundle', file, '--public-key', keyFile])).toEqual({
        out: 'verified: 4 event(s) in 2 stream(s), each in the tree of size 5 signed by ledger.example.gov.cn/cli-test\n',
        exitCode: 0,
      });
      expect((await log.checkpoints()).map((c) => c.treeSize)).toEqual([4, 5]);
      // a second export with nothing new signs nothing new (one checkpoint per size)
      expect((await ledger(['audit', 'export', '--worker', 'w1', '--out', file])).exitCode).toBe(0);
      expect((await log.checkpoints()).map((c) => c.treeSize)).toEqual([4, 5]);
      const { out, exitCode } = await ledger(['audit', 'verify']);
      expect([exitCode, out]).toEqual([
        0,
        `verified: 5 events in 3 streams, every chain holds; tree size 5, root ${(await log.root(5)).toString('hex')}; 2 signed checkpoint(s), each extending the last\n`,
      ]);
    } finally {
      sessionSigner = undefined;
    }
  });

  it('verify: a stream deleted by SQL exits 3', async () => {
    // As the database's owner can, past the append-only trigger (docs/faults.md).
    await pool.query(`BEGIN; SET LOCAL session_replication_role = replica;
      DELETE FROM event_store.events WHERE stream_name = 'worker-w2';
      DELETE FROM event_store.streams WHERE stream_name = 'worker-w2'; COMMIT;`);
    expect(await ledger(['audit', 'verify'])).toEqual({
      out: 'BROKEN (stream-deleted): stream worker-w2 is gone: the log holds its revision 0 at leaf 2\n',
      exitCode: 3,
    });
  });
});
