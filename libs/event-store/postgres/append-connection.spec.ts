import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { DuplicateEventId, WrongExpectedVersion } from '../errors';
import { PostgresEventStore } from './postgres-event-store';

// An append's attempts share one connection: a refused first attempt (the stored retry's
// unique-id refusal, a wrong expected revision) no longer costs the pool its connection, which
// made every stored retry open a new backend (about 200 ms instead of a few). A connection that
// failed as a connection is not handed out again.
describe('PostgresEventStore: the connection an append holds', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const pid = async (): Promise<number> =>
    Number((await store.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  const event = (id = randomUUID()) => ({ eventId: id, type: 'Noted', data: { n: 1 }, metadata: { actor: { department: 'test', principal: 'spec' } } });

  beforeAll(async () => {
    db = await createTestDatabase('appendconn');
    store = await PostgresEventStore.connect(db.url, { poolSize: 1 });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('answers a stored retry as replayed on the same backend', async () => {
    const events = [event(), event()];
    const first = await store.appendToStream('note-a', events, { expectedRevision: 'any' });
    const before = await pid();
    const again = await store.appendToStream('note-a', events, { expectedRevision: 'any' });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await pid()).toBe(before);
  });

  it('keeps the connection after a refusal: a wrong expected revision and an id stored elsewhere', async () => {
    const before = await pid();
    await expect(store.appendToStream('note-a', [event()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
      WrongExpectedVersion,
    );
    const id = randomUUID();
    await store.appendToStream('note-b', [event(id)], { expectedRevision: 'no_stream' });
    await expect(store.appendToStream('note-c', [event(id)], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
      DuplicateEventId,
    );
    expect(await pid()).toBe(before);
  });

  it('drops a connection the server ended, and the next append runs on a new one', async () => {
    const doomed = await pid();
    const admin = await PostgresEventStore.connect(db.url, { poolSize: 1 });
    try {
      await admin.pool.query('SELECT pg_terminate_backend($1)', [doomed]);
    } finally {
      await admin.close();
    }
    // The idle connection's end may reach the pool before or during the next append: either way
    // nothing is appended twice and the append after it succeeds on a new backend.
    const events = [event()];
    const result = await store.appendToStream('note-d', events, { expectedRevision: 'no_stream' }).catch(() =>
      store.appendToStream('note-d', events, { expectedRevision: 'no_stream' }),
    );
    expect(result.nextExpectedRevision).toBe(0);
    expect(await pid()).not.toBe(doomed);
    expect((await store.readStream('note-d')).map((e) => e.eventId)).toEqual([events[0]!.eventId]);
  });
});
