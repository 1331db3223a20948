import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { PostgresEventStore } from '@ledger/event-store';
import { copyHistory } from '@ledger/read-models/testing/copy-history';
import { benchDatabase, runFor, seconds } from './support/bench-database';
import { argValue, copyOfCity, EVENTS_PER_WORKER } from './support/city-history';
import { loadAverage, machine, writeRunsBySize } from './support/results';

/**
 * npm run bench:append — the store's append and read rates beside an honest floor on the same
 * database in the same run: the fastest plain SQL we know that gives the same guarantees.
 *
 * The floor (schema `baseline`, its own pool, named prepared statements, the client doing
 * nothing but send them):
 *  - the same tables and indexes as event_store (events: primary key on the position, unique
 *    event id, unique (stream, revision); streams: one head row per stream);
 *  - a durable commit per append (synchronous_commit as the server has it, on by default);
 *  - optimistic concurrency on the stream revision (a stale revision writes nothing);
 *  - the hash chain computed in SQL from the head's last hash (format 1, docs/event-hash.md),
 *    from a content digest computed in Node;
 *  - positions xid × 4096 + index, so the global order is the commit-safe one (docs/event-store.md);
 *  - one round trip per append: one statement (a CTE) that moves the head and inserts the rows.
 * What it leaves out, and the store must still do: validation and canonical JSON of arbitrary
 * input, retries answered with the first result, `any` / `stream_exists` expectations, appends
 * inside a caller's transaction.
 *
 * BENCH_SECONDS (default 5) per measurement and side, split into BENCH_ROUNDS (default 3) rounds; BENCH_JSON (default bench/results/append.json).
 *
 * `--data DIR` (a folder `npm run bench:generate` wrote, e.g. 10 M events with `--workers 380000`)
 * runs the same measurements on top of that history, to show the cost of an append does not grow
 * with the log: the city's database is copied (`CREATE DATABASE … TEMPLATE`, the folder itself is
 * left as it was), and the floor's tables are filled with the same rows and indexes first, so
 * both sides append beside a log of the same size. The copy is dropped at the end. The floor's
 * indexes are built after its rows are in, so they are compact; the city's were filled row by row
 * as it was loaded. So that both sides append into indexes of the same layout, the copy's store
 * indexes are rebuilt too (REINDEX; `--as-loaded` leaves them as loaded), and each index's size
 * on both sides is printed before the first measurement.
 *
 * `-- --history N` (BENCH_APPEND_HISTORY) first writes a generated city of about N events into the
 * store by COPY (bench:generate's history) and the same rows into the floor's tables, so both
 * sides append to a log of that size. The JSON keeps the latest run at the top level and every
 * run under `runs` by the log's size in events (`logEvents`), with the machine and the load
 * average before and after: runs at several sizes give `npm run bench:charts` appends/s
 * against the log's size.
 */
const actor = { department: 'bench', principal: 'bench' };
const data = { workerId: 'w-000001', effectiveOn: '2024-02-29', months: ['2024-01', '2024-02'], base: 512300 };

export async function createBaseline(pool: Pool): Promise<void> {
  await pool.query(`
    DROP SCHEMA IF EXISTS baseline CASCADE;
    CREATE SCHEMA baseline;
    CREATE TABLE baseline.streams (
      stream_name text PRIMARY KEY, revision bigint NOT NULL, last_hash bytea NOT NULL,
      last_position bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE baseline.events (
      global_position bigint PRIMARY KEY, stream_name text NOT NULL, stream_revision bigint NOT NULL,
      event_id uuid NOT NULL, type text NOT NULL, schema_version smallint NOT NULL, data jsonb NOT NULL,
      metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL, hash_format smallint NOT NULL,
      hash bytea NOT NULL, prev_hash bytea,
      UNIQUE (event_id), UNIQUE (stream_name, stream_revision));`);
}

/**
 * One CTE per append. `cur` reads the head at the statement's snapshot; the UPDATE moves it only
 * if it is still at the expected revision (re-checked on the newest row version if a concurrent
 * writer holds it), so the hash read in `cur` is the one the new event chains to. For a new
 * stream the head is inserted ON CONFLICT DO NOTHING. No row back: a conflict.
 */
const NOW = `SELECT now() AS at, (extract(epoch FROM now()) * 1000000)::bigint AS us,
                    pg_current_xact_id()::text::bigint * 4096 AS base`;
const CHAIN = `WITH RECURSIVE
  t AS (${NOW}),
  e AS (SELECT * FROM unnest($2::uuid[], $3::jsonb[], $4::jsonb[], $5::bytea[]) WITH ORDINALITY AS e(id, data, metadata, digest, k)),
  chain AS (
    SELECT e.k, cur.revision + 1 AS revision, cur.last_hash AS prev,
           sha256('\\x01'::bytea || cur.last_hash || int8send(cur.revision + 1) || int8send(t.us) || e.digest) AS hash
      FROM cur, t, e WHERE e.k = 1
    UNION ALL
    SELECT e.k, c.revision + 1, c.hash,
           sha256('\\x01'::bytea || c.hash || int8send(c.revision + 1) || int8send(t.us) || e.digest)
      FROM chain c JOIN e ON e.k = c.k + 1, t)`;
const INSERT_EVENTS = `
  INSERT INTO baseline.events (global_position, stream_name, stream_revision, event_id, type, schema_version,
      data, metadata, recorded_at, hash_format, hash, prev_hash)
  SELECT t.base + e.k - 1, $1, c.revision, e.id, 'ContributionsRecorded', 1, e.data, e.metadata, t.at, 1, c.hash,
         nullif(c.prev, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
    FROM h, t, chain c JOIN e ON e.k = c.k
  RETURNING global_position`;
export const BASELINE_NEXT = {
  name: 'baseline_append_next',
  text: `${CHAIN.replace('WITH RECURSIVE', `WITH RECURSIVE
  cur AS (SELECT revision, last_hash FROM baseline.streams WHERE stream_name = $1 AND revision = $6),`)},
  h AS (UPDATE baseline.streams s SET revision = last.revision, last_hash = last.hash,
               last_position = t.base + last.k - 1, updated_at = t.at
          FROM t, (SELECT * FROM chain ORDER BY k DESC LIMIT 1) last
         WHERE s.stream_name = $1 AND s.revision = $6 RETURNING s.revision)
  ${INSERT_EVENTS}`,
};
export const BASELINE_FIRST = {
  name: 'baseline_append_first',
  text: `${CHAIN.replace('WITH RECURSIVE', `WITH RECURSIVE
  cur AS (SELECT -1::bigint AS revision, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea AS last_hash),`)},
  h AS (INSERT INTO baseline.streams (stream_name, revision, last_hash, last_position, created_at, updated_at)
        SELECT $1, last.revision, last.hash, t.base + last.k - 1, t.at, t.at
          FROM t, (SELECT * FROM chain ORDER BY k DESC LIMIT 1) last
        ON CONFLICT (stream_name) DO NOTHING RETURNING revision)
  ${INSERT_EVENTS}`,
};

/** The floor's digest: SHA-256 of the event's content as sent (the input is fixed, so no canonicalisation). */
export function digestOf(stream: string, id: string, json: string, meta: string): Buffer {
  return createHash('sha256').update(`${stream}\n${id}\nContributionsRecorded\n1\n${json}\n${meta}`).digest();
}

/**
 * The machine is shared (other work runs beside the bench): each side runs ROUNDS times,
 * alternating with the other (store, floor, store, floor, …), and keeps its best round, so a
 * burst of load from elsewhere does not decide a ratio.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
async function alternate(ours: (round: number) => Promise<number>, floor: (round: number) => Promise<number>): Promise<[number, number]> {
  let best: [number, number] = [0, 0];
  for (let round = 1; round <= ROUNDS; round++) {
    best = [Math.max(best[0], await ours(round)), Math.max(best[1], await floor(round))];
  }
  return best;
}

interface Row {
  measurement: string;
  clients: number;
  store: number;
  baseline: number;
  ratio: number;
}

function line(r: Row): string {
  return `${r.measurement.padEnd(40)} ${r.store.toFixed(0).padStart(9)} ${r.baseline.toFixed(0).padStart(11)} ${r.ratio.toFixed(2).padStart(7)}${r.ratio >= 0.7 ? '' : '  (below 0.7)'}`;
}

async function main(): Promise<void> {
  const durationMs = seconds() * 1000;
  const dataDir = argValue('data');
  const db = dataDir ? await copyOfCity(dataDir, 'bench_append') : await benchDatabase('bench_append');
  // Each side has its own pool, as large as the most clients, so neither waits for a connection.
  const store = await PostgresEventStore.connect(db.url, { poolSize: 32 });
  const pool = createPool(db.url, { max: 32 });
  await createBaseline(pool);
  const history = Number(argValue('history') ?? process.env.BENCH_APPEND_HISTORY ?? 0);
  if (history > 0) await writeHistory(store, pool, history);
  const logEvents = Number((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
  // --data: the city's log is there already; the floor gets the same rows.
  if (history === 0 && logEvents > 0) {
    if (dataDir && !process.argv.includes('--as-loaded')) {
      const sizes = await indexSizes(pool, 'event_store');
      const started = Date.now();
      await pool.query('REINDEX TABLE event_store.events');
      await pool.query('REINDEX TABLE event_store.streams');
      await pool.query('VACUUM ANALYZE event_store.events');
      await pool.query('VACUUM ANALYZE event_store.streams');
      const after = await indexSizes(pool, 'event_store');
      console.log(`the store's indexes rebuilt in ${((Date.now() - started) / 1000).toFixed(0)} s (MiB as loaded → rebuilt): ${sizes.map((x, i) => `${x.name} ${x.mib} → ${after[i]?.mib}`).join(', ')}`);
    }
    await fillBaseline(pool, logEvents);
    console.log(`the floor's indexes (MiB): ${(await indexSizes(pool, 'baseline')).map((x) => `${x.name} ${x.mib}`).join(', ')}`);
  }
  const loadBefore = loadAverage();
  const json = JSON.stringify(data);
  const meta = JSON.stringify({ actor });
  const rows: Row[] = [];
  const started = new Date().toISOString();
  console.log(`bench:append — ${seconds()} s per measurement, embedded PostgreSQL, ${started}, log of ${logEvents.toLocaleString()} events, load average ${loadBefore.join(', ')}`);
  const record = (measurement: string, clients: number, ours: number, floor: number) => {
    rows.push({ measurement, clients, store: ours, baseline: floor, ratio: ours / floor });
    console.log(line(rows[rows.length - 1]!));
  };

  const baselineAppend = async (stream: string, expected: number, count: number) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    const values: unknown[] = [
      stream,
      ids,
      ids.map(() => json),
      ids.map(() => meta),
      ids.map((id) => digestOf(stream, id, json, meta)),
    ];
    const r = await pool.query(expected === -1 ? { ...BASELINE_FIRST, values } : { ...BASELINE_NEXT, values: [...values, expected] });
    if (r.rowCount !== count) throw new Error(`baseline append to ${stream} at ${expected} wrote ${r.rowCount} rows`);
  };

  for (const clients of [1, 8, 32]) {
    // Each client writes its own streams of 50 events, as workers' streams are short.
    const revisions = new Map<string, number>();
    const streamOf = (prefix: string, c: number, i: number) => `${prefix}-${clients}-${c}-${Math.floor(i / 50)}`;
    const storeRun = (round: number) =>
      runFor(clients, durationMs / ROUNDS, async (c, i) => {
        const stream = streamOf(`store${round}`, c, i);
        const expected = revisions.get(stream) ?? -1;
        const result = await store.appendToStream(
          stream,
          [{ eventId: randomUUID(), type: 'ContributionsRecorded', data, metadata: { actor } }],
          { expectedRevision: expected === -1 ? 'no_stream' : expected },
        );
        revisions.set(stream, result.nextExpectedRevision);
        return 1;
      });
    const floorRun = (round: number) =>
      runFor(clients, durationMs / ROUNDS, async (c, i) => {
        const stream = streamOf(`base${round}`, c, i);
        const expected = revisions.get(stream) ?? -1;
        await baselineAppend(stream, expected, 1);
        revisions.set(stream, expected + 1);
        return 1;
      });
    const [ours, floor] = await alternate(storeRun, floorRun);
    record(`single-event appends, ${clients} client(s)`, clients, ours, floor);
  }

  {
    const batch = 100;
    const revisions = new Map<string, number>();
    const [ours, floor] = await alternate(
      (round) =>
        runFor(1, durationMs / ROUNDS, async (_c, i) => {
          const stream = `store${round}-batch-${Math.floor(i / 5)}`;
          const expected = revisions.get(stream) ?? -1;
          const events = Array.from({ length: batch }, () => ({ eventId: randomUUID(), type: 'ContributionsRecorded', data, metadata: { actor } }));
          const result = await store.appendToStream(stream, events, { expectedRevision: expected === -1 ? 'no_stream' : expected });
          revisions.set(stream, result.nextExpectedRevision);
          return batch;
        }),
      (round) =>
        runFor(1, durationMs / ROUNDS, async (_c, i) => {
          const stream = `base${round}-batch-${Math.floor(i / 5)}`;
          const expected = revisions.get(stream) ?? -1;
          await baselineAppend(stream, expected, batch);
          revisions.set(stream, expected + batch);
          return batch;
        }),
    );
    record('100-event batches, 1 client (events/s)', 1, ours, floor);
  }

  {
    const total = Number((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
    const baseTotal = Number((await pool.query('SELECT count(*) FROM baseline.events')).rows[0].count);
    // Over a city's log, both sides read the same first READ_CAP events (the whole log would take minutes a round).
    const cap = dataDir ? READ_CAP : Infinity;
    const readStore = async () => {
      const started = process.hrtime.bigint();
      let after = 0;
      let n = 0;
      while (n < cap) {
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
      while (n < cap) {
        const { rows: page } = await pool.query({
          name: 'baseline_read',
          text: 'SELECT * FROM baseline.events WHERE global_position > $1 ORDER BY global_position LIMIT 1000',
          values: [after],
        });
        if (page.length === 0) break;
        n += page.length;
        after = page[page.length - 1].global_position;
      }
      return n / (Number(process.hrtime.bigint() - started) / 1e9);
    };
    await readStore(); // warm both caches once
    await readBase();
    const [ours, floor] = await alternate(readStore, readBase);
    const read = dataDir ? `the first ${Math.min(READ_CAP, total).toLocaleString()} of ${total}/${baseTotal} events` : `${total}/${baseTotal} events`;
    record(`readAll, pages of 1,000 (${read})`, 1, ours, floor);
  }

  // Over a city's log, the chains the bench wrote are checked (verifying 10 M events takes minutes; bench:audit measures that).
  const verifyStarted = Date.now();
  const report = dataDir ? await verifyWritten(store) : await store.verifyAll();
  const verify = `verify${dataDir ? ' (the streams this bench wrote)' : 'All'}: ${report.eventsChecked} events in ${report.streamsChecked} streams, ${report.ok ? 'intact' : 'BROKEN'}, ${Date.now() - verifyStarted} ms`;
  console.log(verify);
  if (!report.ok) process.exitCode = 1;

  console.log('\nmeasurement                                store/s  baseline/s   ratio');
  for (const r of rows) console.log(line(r));
  const loadAfter = loadAverage();
  console.log(`load average before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}`);
  writeRunsBySize(process.env.BENCH_JSON ?? 'bench/results/append.json', logEvents, {
    bench: 'append',
    at: started,
    seconds: seconds(),
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    logEvents,
    storeIndexes: dataDir && !process.argv.includes('--as-loaded') ? 'rebuilt' : 'as loaded',
    rows,
    verify: { ok: report.ok, events: report.eventsChecked, streams: report.streamsChecked },
  });
  await pool.end();
  await store.close();
  await db.stop();
}

const READ_CAP = 200_000;

/** Each stream this bench appended to (their names start with `store`), verified one by one. */
async function verifyWritten(store: PostgresEventStore): Promise<{ ok: boolean; eventsChecked: number; streamsChecked: number }> {
  const { rows } = await store.pool.query<{ stream_name: string }>(`SELECT stream_name FROM event_store.streams WHERE stream_name LIKE 'store%'`);
  let ok = true;
  let eventsChecked = 0;
  for (const { stream_name } of rows) {
    const report = await store.verifyStream(stream_name);
    ok &&= report.ok;
    eventsChecked += report.eventsChecked;
  }
  return { ok, eventsChecked, streamsChecked: rows.length };
}

/** The size of each index of the events and streams tables in `schema`, in MiB. */
async function indexSizes(pool: Pool, schema: string): Promise<{ name: string; mib: number }[]> {
  const { rows } = await pool.query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname IN ('events', 'streams') ORDER BY t.relname, c.relname`,
    [schema],
  );
  return rows.map((r) => ({ name: r.name, mib: Math.round(Number(r.bytes) / 2 ** 20) }));
}

/** The floor gets the log's rows too (indexes built after the copy, as a restore would), then ANALYZE, and a CHECKPOINT so neither side's rounds pay for that WAL. */
async function fillBaseline(pool: Pool, logEvents: number): Promise<void> {
  const started = Date.now();
  await pool.query(`
    ALTER TABLE baseline.events DROP CONSTRAINT events_pkey, DROP CONSTRAINT events_event_id_key,
      DROP CONSTRAINT events_stream_name_stream_revision_key;
    ALTER TABLE baseline.streams DROP CONSTRAINT streams_pkey;
    INSERT INTO baseline.events (global_position, stream_name, stream_revision, event_id, type, schema_version,
        data, metadata, recorded_at, hash_format, hash, prev_hash)
      SELECT global_position, stream_name, stream_revision, event_id, type, schema_version,
             data, metadata, recorded_at, hash_format, hash, prev_hash FROM event_store.events;
    INSERT INTO baseline.streams (stream_name, revision, last_hash, last_position)
      SELECT stream_name, max(stream_revision), (array_agg(hash ORDER BY stream_revision DESC))[1], max(global_position)
        FROM event_store.events GROUP BY stream_name;
    ALTER TABLE baseline.events ADD PRIMARY KEY (global_position), ADD UNIQUE (event_id),
      ADD UNIQUE (stream_name, stream_revision);
    ALTER TABLE baseline.streams ADD PRIMARY KEY (stream_name);
    ANALYZE baseline.events;
    ANALYZE baseline.streams;
    CHECKPOINT;`);
  console.log(`the floor's tables hold the same ${logEvents.toLocaleString()} events (filled in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** A generated city of about `events` events into the store by COPY, and the same rows into the floor's tables. */
async function writeHistory(store: PostgresEventStore, pool: Pool, events: number): Promise<void> {
  const started = process.hrtime.bigint();
  const written = await copyHistory(store.pool, { workers: Math.ceil(events / EVENTS_PER_WORKER), seed: 1124 });
  const columns = 'global_position, stream_name, stream_revision, event_id, type, schema_version, data, metadata, recorded_at, hash_format, hash, prev_hash';
  await pool.query(`INSERT INTO baseline.events (${columns}) SELECT ${columns} FROM event_store.events`);
  const heads = 'stream_name, revision, last_hash, last_position, created_at, updated_at';
  await pool.query(`INSERT INTO baseline.streams (${heads}) SELECT ${heads} FROM event_store.streams`);
  for (const table of ['event_store.events', 'event_store.streams', 'baseline.events', 'baseline.streams']) await pool.query(`VACUUM ANALYZE ${table}`);
  // The load's WAL written out now, not by a checkpoint in the middle of one side's rounds.
  await pool.query('CHECKPOINT');
  console.log(`history: ${written.events.toLocaleString()} events in ${written.streams.toLocaleString()} streams on both sides in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
