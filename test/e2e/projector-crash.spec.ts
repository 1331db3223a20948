import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { PostgresEventStore } from '@ledger/event-store';
import { ProjectionRunner, quoteIdent } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { generateHistory } from '@ledger/read-models/testing/generate';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { committedHead } from '../support/committed-head';

// Issue 5 item 6, docs/architecture.md principle 5: the real projector process (what infra/ runs) is
// killed with SIGKILL at random moments during a catch-up of at least 20,000 events and
// restarted, ten times; then every department read model must equal a clean rebuild.
const PROJECTOR = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tables(pool: Pool, schema: string): Promise<Record<string, unknown[]>> {
  const { rows } = await pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1",
    [schema],
  );
  const out: Record<string, unknown[]> = {};
  for (const { table_name } of rows) {
    // Order by every column so the comparison does not depend on physical order.
    const data = await pool.query(`SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table_name)}`);
    out[table_name] = data.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

async function checkpoints(pool: Pool): Promise<Map<string, number>> {
  const { rows } = await pool
    .query<{ name: string; position: string }>('SELECT name, position FROM projector.checkpoints')
    .catch(() => ({ rows: [] as { name: string; position: string }[] }));
  return new Map(rows.map((r) => [r.name, Number(r.position)]));
}

describe('the projector under SIGKILL', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('crash');
    store = await PostgresEventStore.connect(db.url, { poolSize: 10 });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('loses and doubles nothing when killed ten times during a 20,000-event catch-up', async () => {
    expect(existsSync(PROJECTOR)).toBe(true);
    await generateHistory(store, { workers: 800, seed: 20261124 });
    // Committed rows, not store.countAfter: that stops below transactions open in other files.
    const total = Number((await store.pool.query('SELECT count(*) AS n FROM event_store.events')).rows[0].n);
    expect(total).toBeGreaterThanOrEqual(20_000);

    // LEDGER_TODAY: the process managers' daily tick (permit lapses, vaccination files) decides on
    // a fixed day, so what the run appends does not depend on the machine's clock.
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, LEDGER_JURISDICTION: 'panzhihua', LEDGER_POISON: 'park', LEDGER_TODAY: '2026-11-24' };
    delete env.NODE_ENV;
    const start = () => spawn(process.execPath, [PROJECTOR], { env, stdio: 'ignore' });
    const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));
    let killedMidway = 0;
    for (let round = 0; round < 10; round++) {
      const child = start();
      // Kill at a random moment once it is applying (start-up time varies with the machine's load).
      const before = [...(await checkpoints(store.pool)).values()].reduce((a, b) => a + b, 0);
      for (const started = Date.now(); Date.now() - started < 30_000; await sleep(50)) {
        const now = [...(await checkpoints(store.pool)).values()].reduce((a, b) => a + b, 0);
        if (now > before) break;
      }
      await sleep(Math.floor(Math.random() * 600));
      const done = exited(child);
      child.kill('SIGKILL');
      await done;
      const head = await committedHead(store.pool);
      if ([...(await checkpoints(store.pool)).values()].some((p) => p > 0 && p < head)) killedMidway++;
    }
    // The kills must really have landed mid-catch-up, or this test shows nothing.
    expect(killedMidway).toBeGreaterThan(0);

    // Run it to the end and stop it. Its process managers may append (a lapse, a suspension)
    // after the read models had reached the head, even while it drains: then the head has moved
    // past what they applied, and the projector runs again until a stop finds nothing new.
    const names = DEPARTMENT_PROJECTIONS.map((p) => p.name);
    const atHead = async () => {
      const head = await committedHead(store.pool);
      const cps = await checkpoints(store.pool);
      return names.every((n) => cps.get(n) === head);
    };
    for (let run = 0; ; run++) {
      if (run === 5) throw new Error('the head kept moving past the stopped projector');
      const last = start();
      for (const started = Date.now(); !(await atHead()); await sleep(200)) {
        if (Date.now() - started > 240_000) throw new Error('the projector did not catch up');
      }
      const done = exited(last);
      last.kill('SIGINT');
      await done;
      if (await atHead()) break;
    }

    for (const projection of DEPARTMENT_PROJECTIONS) {
      const clean = `${projection.name}__clean`;
      const head = await committedHead(store.pool);
      const runner = new ProjectionRunner(store, store.pool, projection, {
        target: { checkpoint: clean, schema: clean },
        batchSize: 1000,
        stopAt: async () => head,
      });
      await runner.start();
      expect({ projection: projection.name, tables: await tables(store.pool, clean) }).toEqual({
        projection: projection.name,
        tables: await tables(store.pool, projection.name),
      });
    }
  }, 600_000);
});
