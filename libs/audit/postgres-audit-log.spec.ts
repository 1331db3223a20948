import { createPool } from '@ledger/database';
import { PostgresEventStore } from '@ledger/event-store';
import type { Pool } from 'pg';
import { anEvent } from '../event-store/contract/fixtures';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import {
  AuditLogWriter,
  leafHash,
  naiveRoot,
  NoteSigner,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  PostgresAuditLog,
  verifyConsistency,
  verifyInclusion,
} from './index';

describe('the verifiable log in PostgreSQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let log: PostgresAuditLog;
  const signer = NoteSigner.generate('ledger.example.gov.cn/test');

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    store = await PostgresEventStore.connect(db.url);
    pool = createPool(db.url, { max: 4 });
    log = await PostgresAuditLog.open(pool);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('grows leaf by leaf as events commit, its root equal to the naive recomputation at every size, with signed checkpoints every 5 events', async () => {
    const writer = new AuditLogWriter(store, log, { signer, checkpointEvery: 5, checkpointSeconds: 3600, batchSize: 3 });
    const streams = ['worker-a', 'worker-b', 'residence-permit-a'];
    for (let i = 0; i < 23; i++) {
      await store.appendToStream(streams[i % 3]!, [anEvent('Noted', { i })], { expectedRevision: 'any' });
      if (i % 4 === 0) await writer.catchUp();
    }
    await writer.catchUp();
    const all = await store.readAll({ maxCount: 100 });
    const hashes = all.map((e) => Buffer.from(e.hash, 'hex'));
    expect(await log.state()).toEqual({ size: 23, lastPosition: all[22]!.globalPosition });
    for (let n = 0; n <= 23; n++) expect((await log.root(n)).equals(naiveRoot(hashes.slice(0, n)))).toBe(true);

    // checkpoints at batch ends once 5 more events joined: each signed, each consistent with the next
    const checkpoints = await log.checkpoints();
    expect(checkpoints.length).toBeGreaterThanOrEqual(4);
    const key = parseVerifierKey(signer.verifierKey);
    for (const [i, cp] of checkpoints.entries()) {
      const body = parseCheckpoint(openNote(cp.note, key));
      expect(body).toEqual({ origin: 'ledger.example.gov.cn/test', size: cp.treeSize, root: cp.root, extensions: [] });
      expect(cp.root.equals(naiveRoot(hashes.slice(0, cp.treeSize)))).toBe(true);
      const next = checkpoints[i + 1];
      if (next) {
        const proof = await log.consistency(cp.treeSize, next.treeSize);
        expect(verifyConsistency(cp.treeSize, next.treeSize, cp.root, next.root, proof)).toBe(true);
      }
    }
  });

  it('proves every event’s inclusion in the latest tree', async () => {
    const { size } = await log.state();
    const root = await log.root(size);
    for (const e of await store.readAll({ maxCount: 100 })) {
      const leaf = (await log.leafOf(e.eventId))!;
      const path = await log.inclusion(leaf.leafIndex, size);
      expect(verifyInclusion(leaf.leafIndex, size, leafHash(Buffer.from(e.hash, 'hex')), path, root)).toBe(true);
    }
  });

  it('lets only one of two writers extend a size; the other re-reads and adds nothing twice', async () => {
    await store.appendToStream('worker-c', [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
    const one = new AuditLogWriter(store, log);
    const two = new AuditLogWriter(store, log);
    const [a, b] = await Promise.all([one.catchUp(), two.catchUp()]);
    expect(a + b).toBe(2);
    expect((await log.state()).size).toBe(25);
  });

  it('signs no checkpoint before T seconds or N events, then one after T seconds', async () => {
    let now = Date.parse((await log.latestCheckpoint())!.signedAt);
    const writer = new AuditLogWriter(store, log, { signer, checkpointEvery: 1000, checkpointSeconds: 30, now: () => now });
    const before = (await log.latestCheckpoint())!.treeSize;
    expect(await writer.checkpointIfDue()).toBeUndefined();
    now += 31_000;
    expect((await writer.checkpointIfDue())?.treeSize).toBe(25);
    expect(before).toBeLessThan(25);
  });
});
