import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { PostgresEventStore } from './postgres-event-store';

/**
 * Issue 16: the ledger connected as a PostgreSQL superuser and nothing in the database kept the
 * event tables append-only. The store now runs as `ledger_appender` (migrations run as the
 * owner), which can read and append but not change or remove an event; and a trigger refuses
 * UPDATE, DELETE and TRUNCATE on the events to everyone, the owner included.
 */
describe('append-only in the database (issue 16)', () => {
  let db: TestDatabase;
  let owner: PostgresEventStore;
  let appender: PostgresEventStore;
  const stream = `worker-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase('appendonly');
    owner = await PostgresEventStore.connect(db.url, { poolSize: 2 });
    appender = await PostgresEventStore.connect(db.url, { poolSize: 2, role: 'ledger_appender' });
    await appender.appendToStream(
      stream,
      [{ eventId: randomUUID(), type: 'WorkerRegistered', data: { name: 'x' }, metadata: { actor: { department: 'office', principal: 't' } } }],
      { expectedRevision: 'no_stream' },
    );
  });
  afterAll(async () => {
    await appender?.close();
    await owner?.close();
    await db?.drop();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
    );

  it('runs the store as ledger_appender, which appends and reads', async () => {
    const { rows } = await appender.pool.query<{ current_user: string }>('SELECT current_user');
    expect(rows[0]!.current_user).toBe('ledger_appender');
    await appender.appendToStream(
      stream,
      [{ eventId: randomUUID(), type: 'ContactDetailsChanged', data: { phone: '1' }, metadata: { actor: { department: 'office', principal: 't' } } }],
      { expectedRevision: 0 },
    );
    expect(await appender.readStream(stream)).toHaveLength(2);
    expect((await appender.verifyAll()).ok).toBe(true);
  });

  it.each([
    ['UPDATE', `UPDATE event_store.events SET data = '{}' WHERE stream_name = $1`],
    ['DELETE', `DELETE FROM event_store.events WHERE stream_name = $1`],
  ])('refuses an %s of an event from the ledger’s role: permission denied', async (_op, sql) => {
    expect(await failure(appender.pool.query(sql, [stream]))).toMatchObject({
      code: '42501',
      message: 'permission denied for table events',
    });
  });

  it.each([
    ['UPDATE', `UPDATE event_store.events SET data = '{}' WHERE stream_name = $1`],
    ['DELETE', `DELETE FROM event_store.events WHERE stream_name = $1`],
  ])('refuses an %s of an event even from the owner: the trigger', async (op, sql) => {
    expect(await failure(owner.pool.query(sql, [stream]))).toEqual({
      code: '42501',
      message: `event_store.events is append-only: ${op} refused`,
    });
  });

  it('refuses TRUNCATE of the events to the owner too', async () => {
    expect(await failure(owner.pool.query('TRUNCATE event_store.events'))).toEqual({
      code: '42501',
      message: 'event_store.events is append-only: TRUNCATE refused',
    });
    expect(await owner.readStream(stream)).toHaveLength(2);
  });

  it('never hands out a connection whose SET ROLE failed: the caller gets the error, not a connection running as the owner', async () => {
    const role = `appender_${randomUUID().slice(0, 8)}`;
    await owner.pool.query(`CREATE ROLE "${role}" NOLOGIN`);
    const store = await PostgresEventStore.connect(db.url, { poolSize: 1, role });
    try {
      // The store's pool has made no connection yet; the role goes away before its first one.
      await owner.pool.query(`ALTER ROLE "${role}" RENAME TO "${role}_gone"`);
      expect(await failure(store.pool.query('SELECT current_user'))).toEqual({ code: '22023', message: `role "${role}" does not exist` });
      await owner.pool.query(`ALTER ROLE "${role}_gone" RENAME TO "${role}"`);
      const { rows } = await store.pool.query<{ current_user: string }>('SELECT current_user');
      expect(rows[0]!.current_user).toBe(role);
    } finally {
      await store.close();
      await owner.pool.query(`DROP ROLE IF EXISTS "${role}"`);
      await owner.pool.query(`DROP ROLE IF EXISTS "${role}_gone"`);
    }
  });
});
