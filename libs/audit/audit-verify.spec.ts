import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { chainHash, contentDigest, isoToMicros, PostgresEventStore } from '@ledger/event-store';
import { anEvent } from '../event-store/contract/fixtures';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { AUDIT_EXIT_CODES, AuditLogWriter, NoteSigner, parseVerifierKey, PostgresAuditLog, verifyAudit } from './index';

/**
 * Issue 10: four tamperings by SQL that `store verify` does not notice (each chain still holds)
 * are each named by `audit verify`, with their own exit code; untouched data never alarms.
 */
describe('ledger audit verify against tampering by SQL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let log: PostgresAuditLog;
  const signer = NoteSigner.generate('ledger.example.gov.cn/tamper-test');
  const key = parseVerifierKey(signer.verifierKey);
  /**
   * Tampering as the database's owner can: the append-only trigger (docs/faults.md) stops
   * UPDATE and DELETE, so the tamperer first switches triggers off for the transaction.
   */
  const sql = async (text: string, params: unknown[] = []) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      const result = await client.query(text, params);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  beforeEach(async () => {
    db = await createTestDatabase('tamper');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    pool = createPool(db.url, { max: 4 });
    log = await PostgresAuditLog.open(pool);
    const writer = new AuditLogWriter(store, log, { signer, checkpointEvery: 4, checkpointSeconds: 3600, batchSize: 4 });
    // three streams, interleaved in the global order; checkpoints every 4 events as the log grows
    for (let i = 0; i < 5; i++) {
      for (const stream of ['worker-a', 'worker-b', 'residence-permit-a']) {
        await store.appendToStream(stream, [anEvent('Noted', { i, stream })], { expectedRevision: 'any' });
      }
    }
    await writer.catchUp();
    await log.checkpoint(signer);
    // two newer events the log has not taken in yet: pending, not a break
    await store.appendToStream('worker-c', [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
  });
  afterEach(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  const verify = (extra: { stream?: string; trusted?: string[] } = {}) => verifyAudit({ store, log, key, pageSize: 4, ...extra });

  it('verifies untouched data: every chain, the tree of 15 and its checkpoints, 2 events pending (exit 0)', async () => {
    const v = await verify();
    expect([v.outcome, v.exitCode, v.events, v.streams, v.treeSize, v.pending]).toEqual(['verified', 0, 17, 4, 15, 2]);
    expect(v.checkpoints).toBe(4); // sizes 4, 8, 12 and 15
    expect(v.root).toBe((await log.root(15)).toString('hex'));
    expect((await store.verifyAll()).ok).toBe(true);
    expect((await verify({ stream: 'worker-b' })).outcome).toBe('verified');
  });

  it('names a row altered by SQL, or one deleted from the middle of a stream, as a broken chain (exit 2)', async () => {
    await sql(`UPDATE event_store.events SET data = data || '{"tampered": true}' WHERE stream_name = 'worker-b' AND stream_revision = 2`);
    const altered = await verify();
    expect([altered.outcome, altered.exitCode, altered.streamName, altered.revision]).toEqual(['chain-broken', 2, 'worker-b', 2]);
    expect(altered.message).toBe('stream worker-b at revision 2: hash does not match the stored content');
    await sql(`DELETE FROM event_store.events WHERE stream_name = 'worker-a' AND stream_revision = 1`);
    const deleted = await verify();
    expect([deleted.outcome, deleted.streamName, deleted.revision, deleted.message]).toEqual([
      'chain-broken',
      'worker-a',
      1,
      'stream worker-a at revision 1: revision 1 is missing',
    ]);
  });

  it('names a whole stream deleted (exit 3), which store verify passes', async () => {
    await sql(`DELETE FROM event_store.events WHERE stream_name = 'worker-b'`);
    await sql(`DELETE FROM event_store.streams WHERE stream_name = 'worker-b'`);
    expect((await store.verifyAll()).ok).toBe(true);
    const v = await verify();
    expect([v.outcome, v.exitCode, v.streamName, v.revision, v.leafIndex]).toEqual(['stream-deleted', 3, 'worker-b', 0, 1]);
    expect(v.message).toBe('stream worker-b is gone: the log holds its revision 0 at leaf 1');
    expect((await verify({ stream: 'worker-b' })).outcome).toBe('stream-deleted');
  });

  it('names a tail truncated with the stream head moved back (exit 4), which store verify passes', async () => {
    const kept = (await store.readStream('worker-a'))[2]!;
    await sql(`DELETE FROM event_store.events WHERE stream_name = 'worker-a' AND stream_revision > 2`);
    await sql(`UPDATE event_store.streams SET revision = 2, last_hash = $1, last_position = $2 WHERE stream_name = 'worker-a'`, [
      Buffer.from(kept.hash, 'hex'),
      kept.globalPosition,
    ]);
    expect((await store.verifyAll()).ok).toBe(true);
    const v = await verify();
    expect([v.outcome, v.exitCode, v.streamName, v.revision, v.leafIndex]).toEqual(['events-missing', 4, 'worker-a', 3, 9]);
    expect(v.message).toBe('stream worker-a ends at revision 2, but the log holds its revision 3 at leaf 9');
  });

  it('names an event edited with its chain recomputed by the published algorithm (exit 5), which store verify passes', async () => {
    await sql(`UPDATE event_store.events SET data = data || '{"tampered": true}' WHERE stream_name = 'residence-permit-a' AND stream_revision = 1`);
    let prev: Buffer | null = null;
    for (const e of await store.readStream('residence-permit-a')) {
      const hash = chainHash(prev, e.streamRevision, isoToMicros(e.recordedAt), contentDigest({ ...e, streamName: e.streamName }));
      await sql(`UPDATE event_store.events SET hash = $1, prev_hash = $2 WHERE event_id = $3`, [hash, prev, e.eventId]);
      prev = hash;
    }
    await sql(`UPDATE event_store.streams SET last_hash = $1 WHERE stream_name = 'residence-permit-a'`, [prev]);
    expect((await store.verifyAll()).ok).toBe(true);
    const v = await verify();
    expect([v.outcome, v.exitCode, v.streamName, v.revision, v.leafIndex]).toEqual(['event-altered', 5, 'residence-permit-a', 1, 5]);
    expect((await verify({ stream: 'residence-permit-a' })).exitCode).toBe(5);
  });

  it('names two events’ global positions swapped (exit 6), which store verify passes', async () => {
    const a = (await store.readStream('worker-a'))[1]!; // leaf 3
    const b = (await store.readStream('worker-b'))[3]!; // leaf 10
    await sql(`UPDATE event_store.events SET global_position = -1 WHERE global_position = $1`, [a.globalPosition]);
    await sql(`UPDATE event_store.events SET global_position = $1 WHERE global_position = $2`, [a.globalPosition, b.globalPosition]);
    await sql(`UPDATE event_store.events SET global_position = $1 WHERE global_position = -1`, [b.globalPosition]);
    expect((await store.verifyAll()).ok).toBe(true);
    const v = await verify();
    expect([v.outcome, v.exitCode, v.streamName, v.revision, v.leafIndex]).toEqual(['order-changed', 6, 'worker-a', 1, 3]);
    expect(v.message).toContain('but the store now puts stream worker-b revision 3 there');
  });

  it('names an event inserted inside the logged order, with a valid chain of its own (exit 7)', async () => {
    const fifth = (await store.readAll({ maxCount: 5 }))[4]!;
    await store.appendToStream('worker-intruder', [anEvent()], { expectedRevision: 'no_stream' });
    const [intruder] = await store.readStream('worker-intruder');
    await sql(`UPDATE event_store.events SET global_position = $1 WHERE event_id = $2`, [fifth.globalPosition - 1, intruder!.eventId]);
    expect((await store.verifyAll()).ok).toBe(true);
    const v = await verify();
    expect([v.outcome, v.exitCode, v.streamName, v.leafIndex]).toEqual(['event-inserted', 7, 'worker-intruder', 4]);
  });

  it('refuses a checkpoint whose signed size was changed: its signature fails (exit 8)', async () => {
    await sql(`UPDATE audit_log.checkpoints SET note = replace(note, E'\\n8\\n', E'\\n9\\n') WHERE tree_size = 8`);
    const v = await verify();
    expect([v.outcome, v.exitCode]).toEqual(['checkpoint-invalid', 8]);
    expect(v.message).toBe('checkpoint of tree size 8: the signature by ledger.example.gov.cn/tamper-test does not verify');
  });

  it('names a log cut back below a checkpoint the auditor kept (exit 9), even with the log’s own checkpoints deleted', async () => {
    const kept = (await log.latestCheckpoint())!.note;
    await sql(`DELETE FROM audit_log.checkpoints`);
    await sql(`DELETE FROM audit_log.leaves WHERE leaf_index >= 12`);
    await sql(`DELETE FROM audit_log.nodes WHERE idx * (1 << level) + (1 << level) > 12`);
    await sql(`UPDATE audit_log.tree SET size = 12`);
    const v = await verify({ trusted: [kept] });
    expect([v.outcome, v.exitCode]).toEqual(['log-altered', 9]);
  });

  it('never alarms while events are appended and the writer signs checkpoints during the verification', async () => {
    const writer = new AuditLogWriter(store, log, { signer, checkpointEvery: 1, checkpointSeconds: 3600, batchSize: 2 });
    let running = true;
    const busy = (async () => {
      for (let i = 0; running; i++) {
        await store.appendToStream(`worker-busy-${i % 3}`, [anEvent()], { expectedRevision: 'any' });
        await writer.catchUp();
      }
    })();
    const outcomes = [];
    for (let round = 0; round < 6; round++) {
      const v = await verify();
      outcomes.push(v.outcome === 'verified' ? v.outcome : `${v.outcome}: ${v.message}`);
    }
    running = false;
    await busy;
    expect(outcomes).toEqual(Array(6).fill('verified'));
  });

  it('names the first leaf missing when the log lost its tail but kept its size (exit 9)', async () => {
    await sql(`DELETE FROM audit_log.leaves WHERE leaf_index >= 12`);
    const v = await verify();
    expect([v.outcome, v.exitCode, v.leafIndex, v.message]).toEqual(['log-altered', 9, 12, 'the log has no leaf 12']);
  });

  it('names stored subtrees that no longer hash to the root of the leaves (exit 9)', async () => {
    // The tree of 15 is 8 + 4 + 2 + 1: its last leaf's stored node is read for the root and proofs.
    // With the checkpoints kept, their consistency proof names it first; without, the walk does.
    await sql(`UPDATE audit_log.nodes SET hash = sha256(hash) WHERE level = 0 AND idx = 14`);
    expect((await verify()).message).toBe('the checkpoint of tree size 15 does not extend the one of size 12');
    await sql(`DELETE FROM audit_log.checkpoints`);
    const v = await verify();
    expect([v.outcome, v.exitCode, v.message]).toEqual(['log-altered', 9, "the log's stored subtrees do not hash to the root of its 15 leaves"]);
  });

  it('reaches the same verdicts through readAll when an adapter has no lean read of the order', async () => {
    // The same store, seen through the port without its optional readAllPlaces.
    const portOnly = new Proxy(store, { get: (target, name) => (name === 'readAllPlaces' ? undefined : Reflect.get(target, name, target)) });
    const plain = await verifyAudit({ store: portOnly, log, key, pageSize: 4 });
    expect([plain.outcome, plain.events, plain.pending, plain.root]).toEqual(['verified', 17, 2, (await log.root(15)).toString('hex')]);
    await sql(`UPDATE audit_log.leaves SET event_hash = sha256(event_hash) WHERE leaf_index = 6`);
    const [viaPlaces, viaReadAll] = [await verify(), await verifyAudit({ store: portOnly, log, key, pageSize: 4 })];
    expect([viaPlaces.outcome, viaPlaces.streamName, viaPlaces.revision, viaPlaces.leafIndex]).toEqual(['event-altered', 'worker-a', 2, 6]);
    expect(viaReadAll).toEqual(viaPlaces);
  });

  it('answers a stream that does not exist with exit 10, not a pass', async () => {
    const v = await verify({ stream: 'worker-nobody' });
    expect([v.outcome, v.exitCode, v.message]).toEqual(['no-such-stream', 10, 'stream worker-nobody does not exist']);
  });

  it('gives each outcome its own exit code', () => {
    const codes = Object.values(AUDIT_EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
