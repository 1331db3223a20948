import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';
import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { PostgresEventStore } from '@ledger/event-store';
import { anEvent } from '../event-store/contract/fixtures';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { AuditBundle, AuditLogWriter, exportBundle, NoteSigner, parseVerifierKey, PostgresAuditLog, verifyBundle } from './index';

describe('a worker’s proof bundle, verified offline', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let log: PostgresAuditLog;
  let bundle: AuditBundle;
  let otherTree: AuditBundle;
  const signer = NoteSigner.generate('ledger.example.gov.cn/bundle-test');
  const key = parseVerifierKey(signer.verifierKey);
  const copy = (): AuditBundle => JSON.parse(JSON.stringify(bundle));
  const STREAMS = ['worker-w1', 'residence-permit-w1', 'schooling-c1'];

  beforeAll(async () => {
    db = await createTestDatabase('bundle');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    pool = createPool(db.url, { max: 4 });
    log = await PostgresAuditLog.open(pool);
    const writer = new AuditLogWriter(store, log, { signer, checkpointEvery: 1_000_000 });
    for (let i = 0; i < 4; i++) {
      for (const s of [...STREAMS, 'worker-w2']) {
        await store.appendToStream(s, [anEvent('Noted', { i, 姓名: '张伟', n: i / 3 })], { expectedRevision: 'any' });
      }
    }
    await writer.catchUp();
    await log.checkpoint(signer);
    otherTree = await exportBundle({ store, log, workerId: 'w1', streams: STREAMS, exportedAt: '2026-11-24T00:00:00Z' });
    await store.appendToStream('worker-w2', [anEvent()], { expectedRevision: 'any' });
    await writer.catchUp();
    await log.checkpoint(signer);
    await store.appendToStream('worker-w1', [anEvent()], { expectedRevision: 'any' }); // after the checkpoint: left out
    bundle = await exportBundle({ store, log, workerId: 'w1', streams: [...STREAMS, 'housing-w1'], exportedAt: '2026-11-24T00:00:00Z' });
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('holds the worker’s and the child’s streams up to the latest checkpoint, and verifies', () => {
    expect(bundle.format).toBe('entitlement-ledger-audit-bundle/1');
    expect(bundle.streams.map((s) => [s.streamName, s.events.length])).toEqual([
      ['worker-w1', 4],
      ['residence-permit-w1', 4],
      ['schooling-c1', 4],
    ]);
    expect(verifyBundle(bundle, key)).toEqual({
      ok: true,
      message: 'verified: 12 event(s) in 3 stream(s), each in the tree of size 17 signed by ledger.example.gov.cn/bundle-test',
      events: 12,
      streams: 3,
      treeSize: 17,
    });
  });

  it('rejects a forged signature', () => {
    const forged = copy();
    forged.checkpoint = NoteSigner.generate('ledger.example.gov.cn/bundle-test').signNote(forged.checkpoint.split('\n\n')[0]! + '\n');
    expect(verifyBundle(forged, key).message).toBe('the note carries no signature by ' + signer.verifierKey.split('+').slice(0, 2).join('+'));
  });

  it('rejects one changed byte in an event’s data', () => {
    const b = copy();
    (b.streams[1]!.events[2]!.data as { note: string }).note = 'contracT';
    expect(verifyBundle(b, key)).toMatchObject({ ok: false, message: "residence-permit-w1 revision 2: the hash does not match the event's content" });
  });

  it('rejects a dropped, an added and a reordered event', () => {
    const dropped = copy();
    dropped.streams[0]!.events.splice(1, 1);
    expect(verifyBundle(dropped, key).message).toBe('worker-w1 revision 1: found revision 2; an event is missing, added or out of order');
    const added = copy();
    added.streams[0]!.events.push({ ...added.streams[0]!.events[3]!, streamRevision: 4 });
    expect(verifyBundle(added, key).message).toBe("worker-w1 revision 4: prevHash does not name the previous event's hash");
    const reordered = copy();
    const events = reordered.streams[2]!.events;
    [events[0], events[1]] = [events[1]!, events[0]!];
    expect(verifyBundle(reordered, key).message).toBe('schooling-c1 revision 0: found revision 1; an event is missing, added or out of order');
  });

  it('rejects proofs for another tree: the earlier checkpoint with today’s proofs', () => {
    const crossed = copy();
    crossed.checkpoint = otherTree.checkpoint;
    expect(verifyBundle(crossed, key).message).toBe('worker-w1 revision 0: the inclusion proof does not lead to the signed root of tree size 16');
    expect(verifyBundle(otherTree, key).ok).toBe(true);
  });

  it('verifies with the verifier compiled alone and run by plain node, outside the repository (exit 0, 2 on a forgery)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'offline-'));
    const code = transformFileSync(join(__dirname, 'offline', 'verify-bundle.ts'), {
      swcrc: false,
      module: { type: 'commonjs' },
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    }).code;
    writeFileSync(join(dir, 'verify-bundle.js'), code);
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ ...bundle, checkpoint: otherTree.checkpoint }));
    writeFileSync(join(dir, 'ledger.vkey'), `${signer.verifierKey}\n`);
    const out = execFileSync(process.execPath, ['verify-bundle.js', 'bundle.json', '--public-key', 'ledger.vkey'], { cwd: dir, encoding: 'utf8' });
    expect(out).toContain('verified: 12 event(s) in 3 stream(s)');
    const bad = spawnSync(process.execPath, ['verify-bundle.js', 'forged.json', '--public-key', 'ledger.vkey'], { cwd: dir, encoding: 'utf8' });
    expect([bad.status, bad.stdout.trim()]).toEqual([2, 'REJECTED: worker-w1 revision 0: the inclusion proof does not lead to the signed root of tree size 16']);
  });
});
