import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresEventStore } from '@ledger/event-store';
import { benchDatabase, row, runFor, seconds } from './support/bench-database';

/**
 * npm run bench:append — the store's append and read rates beside the physical floor on the
 * same database in the same run: one durable statement per append (version check and insert in
 * one CTE), unnest multi-row inserts for batches, keyset pages of 1,000 for reads.
 */
const actor = { department: 'bench', principal: 'bench' };
const data = { workerId: 'w-000001', effectiveOn: '2024-02-29', months: ['2024-01', '2024-02'], base: 512300 };

async function createBaseline(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS baseline;
    CREATE TABLE baseline.events (
      global_position bigserial PRIMARY KEY, stream_name text NOT NULL, stream_revision bigint NOT NULL,
      event_id uuid NOT NULL UNIQUE, type text NOT NULL, schema_version smallint NOT NULL, data jsonb NOT NULL,
      metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream_name, stream_revision));`);
}

const BASELINE_APPEND = `
  WITH cur AS (SELECT coalesce(max(stream_revision), -1) AS rev FROM baseline.events WHERE stream_name = $1)
  INSERT INTO baseline.events (stream_name, stream_revision, event_id, type, schema_version, data, metadata)
  SELECT $1, cur.rev + 1, $2, 'ContributionsRecorded', 1, $3, $4 FROM cur WHERE cur.rev = $5
  RETURNING global_position`;

const BASELINE_BATCH = `
  WITH cur AS (SELECT coalesce(max(stream_revision), -1) AS rev FROM baseline.events WHERE stream_name = $1)
  INSERT INTO baseline.events (stream_name, stream_revision, event_id, type, schema_version, data, metadata)
  SELECT $1, cur.rev + e.ord, e.id, 'ContributionsRecorded', 1, e.data, e.metadata
    FROM cur, unnest($2::uuid[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS e(id, data, metadata, ord)
   WHERE cur.rev = $5
  RETURNING global_position`;

async function main(): Promise<void> {
  const durationMs = seconds() * 1000;
  const db = await benchDatabase('bench_append');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 40 });
  const pool = store.pool; // the same pg pool for both sides
  await createBaseline(pool);
  const json = JSON.stringify(data);
  const meta = JSON.stringify({ actor });
  const results: string[] = [];
  console.log(`bench:append — ${seconds()} s per measurement, embedded PostgreSQL, ${new Date().toISOString()}`);

  for (const clients of [1, 8, 32]) {
    // Each client writes its own streams of 50 events, as workers' streams are short.
    const revisions = new Map<string, number>();
    const streamOf = (prefix: string, c: number, i: number) => `${prefix}-${clients}-${c}-${Math.floor(i / 50)}`;
    const ours = await runFor(clients, durationMs, async (c, i) => {
      const stream = streamOf('store', c, i);
      const expected = revisions.get(stream) ?? -1;
      const result = await store.appendToStream(
        stream,
        [{ eventId: randomUUID(), type: 'ContributionsRecorded', data, metadata: { actor } }],
        { expectedRevision: expected === -1 ? 'no_stream' : expected },
      );
      revisions.set(stream, result.nextExpectedRevision);
      return 1;
    });
    const floor = await runFor(clients, durationMs, async (c, i) => {
      const stream = streamOf('base', c, i);
      const expected = revisions.get(stream) ?? -1;
      const r = await pool.query(BASELINE_APPEND, [stream, randomUUID(), json, meta, expected]);
      if (r.rowCount !== 1) throw new Error('baseline version check failed');
      revisions.set(stream, expected + 1);
      return 1;
    });
    results.push(row(`single-event appends, ${clients} client(s)`, ours, floor));
    console.log(results[results.length - 1]);
  }

  {
    const batch = 100;
    const revisions = new Map<string, number>();
    const ours = await runFor(1, durationMs, async (_c, i) => {
      const stream = `store-batch-${Math.floor(i / 5)}`;
      const expected = revisions.get(stream) ?? -1;
      const events = Array.from({ length: batch }, () => ({ eventId: randomUUID(), type: 'ContributionsRecorded', data, metadata: { actor } }));
      const result = await store.appendToStream(stream, events, { expectedRevision: expected === -1 ? 'no_stream' : expected });
      revisions.set(stream, result.nextExpectedRevision);
      return batch;
    });
    const floor = await runFor(1, durationMs, async (_c, i) => {
      const stream = `base-batch-${Math.floor(i / 5)}`;
      const expected = revisions.get(stream) ?? -1;
      const ids = Array.from({ length: batch }, () => randomUUID());
      const r = await pool.query(BASELINE_BATCH, [stream, ids, ids.map(() => json), ids.map(() => meta), expected]);
      if (r.rowCount !== batch) throw new Error('baseline batch failed');
      revisions.set(stream, expected + batch);
      return batch;
    });
    results.push(row('100-event batches, 1 client (events/s)', ours, floor));
    console.log(results[results.length - 1]);
  }

  {
    const total = Number((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
    const baseTotal = Number((await pool.query('SELECT count(*) FROM baseline.events')).rows[0].count);
    const readStore = async () => {
      const started = process.hrtime.bigint();
      let after = 0;
      let n = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 1000 });
        if (page.length === 0) break;
        n += page.length;
        after = page[page.length - 1]!.globalPosition;
      }
      return n / (Number(process.hrtime.bigint() - started) / 1e9);
    };
    const readBase = async () => {
      const started = process.hrtime.bigint();
      let after = '0';
      let n = 0;
      for (;;) {
        const { rows } = await pool.query(
          'SELECT * FROM baseline.events WHERE global_position > $1 ORDER BY global_position LIMIT 1000',
          [after],
        );
        if (rows.length === 0) break;
        n += rows.length;
        after = rows[rows.length - 1].global_position;
      }
      return n / (Number(process.hrtime.bigint() - started) / 1e9);
    };
    await readStore(); // warm both caches once
    await readBase();
    const ours = await readStore();
    const floor = await readBase();
    results.push(row(`readAll, pages of 1,000 (${total}/${baseTotal} events)`, ours, floor));
    console.log(results[results.length - 1]);
  }

  const verifyStarted = Date.now();
  const report = await store.verifyAll();
  console.log(`verifyAll: ${report.eventsChecked} events in ${report.streamsChecked} streams, ${report.ok ? 'intact' : 'BROKEN'}, ${Date.now() - verifyStarted} ms`);

  console.log('\nmeasurement                          store/s  baseline/s   ratio');
  for (const line of results) console.log(line);
  await store.close();
  await db.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
