import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { PostgresEventStore, RecordedEvent } from '@ledger/event-store';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { listDeadLetters, retryDeadLetters } from './dead-letters';
import { projectionLag } from './lag';
import type { Projection, ProjectionDb } from './projection';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection } from './rebuild';
import { ensureProjectorSchema } from './schema';
import { committedHead } from '../../test/support/committed-head';

const actor = { department: 'test', principal: 'runner-spec' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts events per stream and keeps a sum, so a doubled or skipped event changes a row. */
function tally(name: string, failOn?: (e: RecordedEvent) => boolean): Projection {
  return {
    name,
    version: 1,
    eventTypes: ['Counted', 'Poison'],
    createTables: (schema) => `CREATE TABLE ${schema}.tallies (stream text PRIMARY KEY, events int NOT NULL, total bigint NOT NULL, last_revision bigint NOT NULL);`,
    async apply(db: ProjectionDb, schema: string, e: RecordedEvent) {
      if (failOn?.(e)) throw new Error(`cannot apply ${e.type}`);
      await db.query(
        `INSERT INTO ${schema}.tallies AS t (stream, events, total, last_revision) VALUES ($1, 1, $2, $3)
         ON CONFLICT (stream) DO UPDATE SET events = t.events + 1, total = t.total + excluded.total, last_revision = excluded.last_revision`,
        [e.streamName, Number(e.data.amount ?? 0), e.streamRevision],
      );
    },
  };
}

async function append(store: PostgresEventStore, n: number, streams = 10, type = 'Counted'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await store.appendToStream(`tally-${i % streams}`, [{ eventId: randomUUID(), type, data: { amount: i }, metadata: { actor } }], { expectedRevision: 'any' });
  }
}

async function rows(pool: Pool, schema: string): Promise<unknown[]> {
  return (await pool.query(`SELECT * FROM "${schema}".tallies ORDER BY stream`)).rows;
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await sleep(25);
  }
}

describe('projection runner', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  beforeEach(async () => {
    db = await createTestDatabase('proj');
    store = await PostgresEventStore.connect(db.url, { poolSize: 20 });
    pool = store.pool;
    await ensureProjectorSchema(pool); // the specs poll the checkpoint table from the start
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  const caughtUp = (name: string) => async () => {
    const head = await committedHead(store.pool);
    const { rows: r } = await pool.query('SELECT position FROM projector.checkpoints WHERE name = $1', [name]);
    return r.length > 0 && Number(r[0].position) === head;
  };

  it('hands its connections back to the pool with their error listener: the next holder survives the server ending one between its queries', async () => {
    await append(store, 20);
    const own = createPool(db.url, { max: 1 });
    const admin = createPool(db.url, { max: 1 });
    try {
      const runner = new ProjectionRunner(store, own, tally('tally_listeners'));
      void runner.start();
      await until(caughtUp('tally_listeners'));
      await runner.stop();
      // The pool's one connection, the one the runner held.
      const client = await own.connect();
      const pid = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      // The server's FATAL 57P01 arrives while no query runs on it: without a listener, an
      // unhandled 'error' event that fails this test (and stops a Jest worker or the API).
      await sleep(200);
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
    } finally {
      await own.end();
      await admin.end();
    }
  });

  it('writes rows and checkpoint together and keeps up with live appends', async () => {
    await append(store, 200);
    const runner = new ProjectionRunner(store, pool, tally('tally_live'));
    void runner.start();
    await until(caughtUp('tally_live'));
    await append(store, 50);
    await until(caughtUp('tally_live'));
    await runner.stop();
    const r = await pool.query('SELECT sum(events)::int AS n FROM tally_live.tallies');
    expect(r.rows[0].n).toBe(250);
    const [lag] = await projectionLag(store, pool);
    expect(lag).toMatchObject({ name: 'tally_live', eventsBehind: 0, secondsBehind: 0, eventsApplied: 250 });
  });

  it('rebuilds blue/green into exactly the live rows while the live runner keeps serving, then swaps', async () => {
    await append(store, 300);
    const live = new ProjectionRunner(store, pool, tally('tally_bg'), { batchSize: 50 });
    void live.start();
    await until(caughtUp('tally_bg'));
    const writer = append(store, 200); // keep writing during the rebuild
    const phases: string[] = [];
    await rebuildProjection(store, pool, tally('tally_bg'), { batchSize: 40, onProgress: (p) => phases.push(p.phase) });
    await writer;
    await until(caughtUp('tally_bg'));
    await live.stop();
    expect(phases).toContain('swapped');
    const swapped = await rows(pool, 'tally_bg');
    // A clean rebuild from nothing must give the very same rows.
    const fresh = new ProjectionRunner(store, pool, tally('tally_fresh'));
    void fresh.start();
    await until(caughtUp('tally_fresh'));
    await fresh.stop();
    expect(swapped).toEqual(await rows(pool, 'tally_fresh'));
    const total = await pool.query('SELECT sum(events)::int AS n FROM tally_bg.tallies');
    expect(total.rows[0].n).toBe(500);
    const schemas = await pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tally_bg%' ORDER BY 1");
    expect(schemas.rows.map((r) => r.nspname)).toEqual(['tally_bg']);
  });

  it('parks a poison event in the dead-letter table and goes on; a retry after the fix resolves it', async () => {
    await append(store, 20);
    await append(store, 1, 1, 'Poison');
    await append(store, 20);
    let broken = true;
    const projection = tally('tally_poison', (e) => broken && e.type === 'Poison');
    const runner = new ProjectionRunner(store, pool, projection);
    void runner.start();
    await until(caughtUp('tally_poison'));
    await runner.stop();
    expect((await pool.query('SELECT sum(events)::int AS n FROM tally_poison.tallies')).rows[0].n).toBe(40);
    const letters = await listDeadLetters(pool);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ projection: 'tally_poison', eventType: 'Poison', error: 'cannot apply Poison' });
    broken = false;
    expect(await retryDeadLetters(store, pool, [projection])).toEqual({ resolved: 1, stillFailing: 0 });
    expect(await listDeadLetters(pool)).toHaveLength(0);
    expect((await pool.query('SELECT sum(events)::int AS n FROM tally_poison.tallies')).rows[0].n).toBe(41);
  });

  it('stops at a poison event when configured to, leaving the checkpoint before it', async () => {
    await append(store, 5);
    await append(store, 1, 1, 'Poison');
    const runner = new ProjectionRunner(store, pool, tally('tally_stop', (e) => e.type === 'Poison'), { poison: 'stop' });
    await expect(runner.start()).rejects.toThrow(/Poison/);
    expect(runner.state).toBe('failed');
    const head = await committedHead(store.pool);
    const { rows: r } = await pool.query("SELECT position FROM projector.checkpoints WHERE name = 'tally_stop'");
    expect(Number(r[0].position)).toBeLessThan(head);
  });

  it('lets one of two replicas apply a projection; the standby takes over when the active one dies', async () => {
    await append(store, 100);
    const a = new ProjectionRunner(store, pool, tally('tally_ha'), { standbyRetryMs: 100 });
    const b = new ProjectionRunner(store, pool, tally('tally_ha'), { standbyRetryMs: 100 });
    void a.start();
    await until(async () => a.state === 'active');
    void b.start();
    await until(caughtUp('tally_ha'));
    await sleep(300);
    expect([a.state, b.state]).toEqual(['active', 'standby']);
    // The active replica's database session dies (as when its process is killed).
    await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND classid = 7341 AND granted AND pid <> pg_backend_pid()
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    await a.stop();
    await append(store, 100);
    await until(async () => b.state === 'active');
    await until(caughtUp('tally_ha'));
    await b.stop();
    expect((await pool.query('SELECT sum(events)::int AS n FROM tally_ha.tallies')).rows[0].n).toBe(200);
  });
});
