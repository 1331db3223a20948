import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { PostgresEventStore, RecordedEvent } from '@ledger/event-store';
import {
  AuditLogWriter,
  exportBundle,
  NoteSigner,
  parseVerifierKey,
  PostgresAuditLog,
  verifyAudit,
  verifyBundle,
} from '@ledger/audit';
import { generateHistory } from '@ledger/read-models/testing/generate';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import {
  ERASED,
  generatePrivacyKeys,
  isEncryptedField,
  mapFields,
  personalPaths,
  PrivacyKeys,
  PrivateEventStore,
} from './index';

/** Every personal field value the events hold, as their readers see them. */
function personalValues(events: RecordedEvent[]): string[] {
  const values: string[] = [];
  for (const e of events) {
    const p = personalPaths(e.type, e.data);
    if (p) mapFields(e.data, p.paths, (v) => (values.push(v), v));
  }
  return values;
}

describe('personal data in the store (docs/privacy.md)', () => {
  let db: TestDatabase;
  let raw: PostgresEventStore;
  let pool: Pool;
  let keys: PrivacyKeys;
  let store: PrivateEventStore;
  let clear: string[];
  const signer = NoteSigner.generate('ledger.example.gov.cn/privacy-test');
  const verifierKey = parseVerifierKey(signer.verifierKey);

  beforeAll(async () => {
    db = await createTestDatabase('privacy');
    raw = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    pool = createPool(db.url, { max: 2 });
    keys = generatePrivacyKeys(['m1']);
    store = await PrivateEventStore.open(raw, keys);
    await generateHistory(store, { workers: 12, seed: 11, concurrency: 2 });
    clear = personalValues(await store.readAll({ maxCount: 10_000 }));
  });

  afterAll(async () => {
    await pool.end();
    await store.close();
    await db.drop();
  });

  it('stores no personal field in clear: a SQL scan of event_store.events finds none of the generated names, 身份证号, phones or addresses', async () => {
    expect(clear.length).toBeGreaterThan(12 * 4);
    expect(clear.some((v) => /^\d{17}[\dX]$/.test(v))).toBe(true); // the scan looks for real 身份证号
    const { rows } = await pool.query<{ hits: string }>(
      `SELECT count(*) AS hits FROM event_store.events e, unnest($1::text[]) AS v(value)
        WHERE strpos(e.data::text, v.value) > 0 OR strpos(e.metadata::text, v.value) > 0`,
      [clear],
    );
    expect(Number(rows[0]!.hits)).toBe(0);
    const stored = await raw.readAll({ maxCount: 10_000 });
    expect(personalValues(stored).every(isEncryptedField)).toBe(true);
    expect((await raw.verifyAll()).ok).toBe(true);
  });

  it('rotates the master key by re-wrapping the data keys, without touching an event: the old key can then go', async () => {
    const before = await pool.query(
      'SELECT global_position, hash, data FROM event_store.events ORDER BY global_position',
    );
    const rotated: PrivacyKeys = {
      ...keys,
      masterKeys: new Map([...keys.masterKeys, ['m2', randomBytes(32)]]),
      currentMasterKeyId: 'm2',
    };
    expect(await store.rewrapDataKeys(rotated, 'test')).toBe(12);
    const after = await pool.query(
      'SELECT global_position, hash, data FROM event_store.events ORDER BY global_position',
    );
    expect(after.rows).toEqual(before.rows);
    const { rows } = await pool.query<{ master_key_id: string; n: string }>(
      'SELECT master_key_id, count(*) AS n FROM privacy.data_keys GROUP BY 1',
    );
    expect(rows).toEqual([{ master_key_id: 'm2', n: '12' }]);
    // A reader with only the new master key reads every field.
    const onlyNew = await PrivateEventStore.open(raw, {
      ...rotated,
      masterKeys: new Map([['m2', rotated.masterKeys.get('m2')!]]),
    });
    expect(personalValues(await onlyNew.readAll({ maxCount: 10_000 }))).toEqual(clear);
    // …and one with only the old key reads none: the data keys are no longer wrapped under it.
    const onlyOld = await PrivateEventStore.open(raw, { ...keys });
    await expect(onlyOld.readAll({ maxCount: 10_000 })).rejects.toThrow(
      'wrapped by master key m2, which is not configured',
    );
    keys = rotated;
  });

  it('erases a worker by destroying the data key: the fields read [erased], every chain, the tree, the checkpoints and a bundle exported before still verify', async () => {
    const log = await PostgresAuditLog.open(pool);
    const writer = new AuditLogWriter(raw, log, { signer, checkpointEvery: 1_000_000 });
    await writer.catchUp();
    await log.checkpoint(signer);
    const trusted = (await log.latestCheckpoint())!.note;
    const { rows: w } = await pool.query<{ worker_id: string }>(
      'SELECT worker_id FROM privacy.data_keys ORDER BY worker_id LIMIT 1',
    );
    const workerId = w[0]!.worker_id;
    const streams = [`worker-${workerId}`, `residence-permit-${workerId}`];
    const bundle = await exportBundle({ store: raw, log, workerId, streams, exportedAt: '2026-11-24T00:00:00Z' });
    const idNumber = (await store.readStream(`worker-${workerId}`))[0]!.data.idNumber as string;
    expect(await store.workerByIdNumber(idNumber)).toBe(workerId);

    // A policy refusal kept as sent (docs/audit.md) carries the address line.
    await pool.query(
      `INSERT INTO audit_log.refusals (id, subject_id, stream_name, command_type, command, actor_department, actor_principal, rule_id, source, quote, detail, refusal)
       VALUES ($1, $2, $3, 'ChangeAddress', $4, 'residence-office', 'c1', 'permit.apply.conditions', 'national-663 第二条', '…', 'refused', '{}')`,
      [
        randomUUID(),
        workerId,
        `residence-permit-${workerId}`,
        JSON.stringify({ workerId, address: { line: '东区某街9号', districtCode: '510402' }, movedOn: '2026-01-01' }),
      ],
    );
    await store.erase(workerId, 'test');
    const { rows: refused } = await pool.query('SELECT command FROM audit_log.refusals WHERE subject_id = $1', [
      workerId,
    ]);
    expect(refused).toEqual([
      { command: { workerId, address: { line: ERASED, districtCode: '510402' }, movedOn: '2026-01-01' } },
    ]);

    const events = (await store.readStream(`worker-${workerId}`)).concat(
      await store.readStream(`residence-permit-${workerId}`),
    );
    const fields = personalValues(events);
    expect(fields.length).toBeGreaterThan(3);
    expect(new Set(fields)).toEqual(new Set([ERASED]));
    expect(await store.stateOf(workerId)).toBe('erased');
    expect(await store.workerByIdNumber(idNumber)).toBeUndefined();
    // Not even the master key opens the fields now: there is no data key to unwrap.
    const { rows: k } = await pool.query(
      'SELECT wrapped, master_key_id, erased_at IS NOT NULL AS erased FROM privacy.data_keys WHERE worker_id = $1',
      [workerId],
    );
    expect(k).toEqual([{ wrapped: null, master_key_id: null, erased: true }]);
    // Other workers read as before.
    expect(personalValues(await store.readAll({ maxCount: 10_000 })).filter((v) => v !== ERASED).length).toBe(
      clear.length - fields.length,
    );

    expect((await raw.verifyAll()).ok).toBe(true);
    expect((await store.verifyAll()).ok).toBe(true);
    await writer.catchUp();
    await log.checkpoint(signer);
    const audit = await verifyAudit({ store: raw, log, key: verifierKey, trusted: [trusted] });
    expect([audit.outcome, audit.exitCode]).toEqual(['verified', 0]);
    expect(verifyBundle(bundle, verifierKey).ok).toBe(true);
    const later = await exportBundle({ store: raw, log, workerId, streams, exportedAt: '2026-11-25T00:00:00Z' });
    expect(verifyBundle(later, verifierKey).ok).toBe(true);
  });
});

describe('events stored before encryption (docs/privacy.md, existing events)', () => {
  let db: TestDatabase;
  let raw: PostgresEventStore;
  const registered = (workerId: string, idNumber: string) => ({
    eventId: randomUUID(),
    type: 'WorkerRegistered',
    data: {
      workerId,
      name: '王芳',
      idNumber,
      phone: '13800000003',
      birthDate: '1990-01-01',
      hukouPlace: { areaCode: '513401', address: '会理县某村' },
      arrivalOn: '2024-01-05',
      registeredOn: '2024-01-05',
    },
    metadata: { actor: { department: 'residence-office', principal: 'legacy' } },
  });

  beforeAll(async () => {
    db = await createTestDatabase('privlegacy');
    raw = await PostgresEventStore.connect(db.url, { poolSize: 2 });
    // Written straight to the store, as before this layer: in clear, one number twice.
    await raw.appendToStream('worker-old-1', [registered('old-1', '510402199001011234')], {
      expectedRevision: 'no_stream',
    });
    await raw.appendToStream('worker-old-2', [registered('old-2', '510402199001011234')], {
      expectedRevision: 'no_stream',
    });
    await raw.appendToStream('worker-old-3', [registered('old-3', '11010519491231002X')], {
      expectedRevision: 'no_stream',
    });
  });

  afterAll(async () => {
    await raw.close();
    await db.drop();
  });

  it('indexes the clear registrations without rewriting an event, reports the number held twice, and then holds one number to one worker', async () => {
    const hashes = (await raw.readAll()).map((e) => e.hash);
    const store = await PrivateEventStore.open(raw, generatePrivacyKeys());
    const report = await store.indexExisting('test');
    expect(report).toEqual({
      registrations: 3,
      indexed: 2,
      duplicates: [{ workerId: 'old-2', heldBy: 'old-1' }],
      plaintextEvents: 3,
    });
    expect((await raw.readAll()).map((e) => e.hash)).toEqual(hashes);
    expect(await store.workerByIdNumber('11010519491231002x')).toBe('old-3');
    await expect(
      store.appendToStream('worker-new', [registered('new', '11010519491231002X')], { expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({
      code: 'ID_NUMBER_TAKEN',
      existingWorkerId: 'old-3',
    });
    // An erased worker from before reads [erased]; its plaintext stays in the stored event (the limit docs/privacy.md states).
    await store.erase('old-3', 'test');
    expect((await store.readStream('worker-old-3'))[0]!.data).toMatchObject({
      name: ERASED,
      idNumber: ERASED,
      phone: ERASED,
    });
    expect((await raw.readStream('worker-old-3'))[0]!.data).toMatchObject({ idNumber: '11010519491231002X' });
    expect((await raw.verifyAll()).ok).toBe(true);
    expect((await store.indexExisting('test')).plaintextEvents).toBe(3);
  });
});
