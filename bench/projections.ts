import { cpus } from 'node:os';
import type { Pool } from 'pg';
import type { PostgresEventStore } from '@ledger/event-store';
import { ensureProjectorSchema, Projection, ProjectionRunner, quoteIdent, readTypes, rebuildProjections, splitDdl } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { argValue, cityHistory, EVENTS_PER_WORKER } from './support/city-history';
import { loadAverage, machine, writeRunsBySize } from './support/results';

/**
 * npm run bench:projections [-- --events N] [--data DIR] [--before] [--only NAME,…]
 *
 * Each department read model's blue/green rebuild (one read of the log, set-based batches,
 * indexes after the catch-up), and all seven rebuilt together from one read, beside two floors
 * measured in the same run over the same log:
 *
 * - server floor: one scan of the events of its types, then INSERT … SELECT of exactly the rows
 *   the rebuild produced into an empty copy of its tables (what PostgreSQL alone needs);
 * - client floor: the least a projection in Node must do — read the events of its types in
 *   keyset pages of 10,000 (as the rebuild reads them) and, per page, write its share of those
 *   rows with one multi-row statement per table, nothing else.
 *
 * Events/s are over every event in the log (a rebuild must get past all of them). 1 M events by
 * default (BENCH_EVENTS or --events), 10 M with BENCH_LARGE=1; `--data DIR` reuses a history
 * from bench:generate. `--before` also times the statement-per-event runner (the code before
 * issue 13: every event read and filtered in Node, one statement or more per event).
 * Printed as a table and written to bench/results/projections.json (BENCH_JSON names another file)
 * with the machine and the load average before and after: the latest run at the top level, and
 * every run kept under `runs` by its history's size in events, so runs over several sizes give
 * `npm run bench:charts` a point per size. The JSON is written after every row (`complete` false
 * until the last), so a long run stopped part way keeps its rows. `--only hrss,audit,all` runs just
 * those read models (`all`: the seven together). Printed, not asserted.
 */
const PAGE = 10_000;

interface Row {
  readModel: string;
  rebuildSeconds: number;
  rebuildEventsPerSecond: number;
  serverFloorEventsPerSecond: number;
  clientFloorEventsPerSecond: number;
  ratioToServerFloor: number;
  ratioToClientFloor: number;
  rows: number;
  beforeEventsPerSecond?: number;
}

async function main(): Promise<void> {
  const large = process.env.BENCH_LARGE === '1';
  const target = Number(argValue('events') ?? process.env.BENCH_EVENTS ?? (large ? 10_000_000 : 1_000_000));
  const before = process.argv.includes('--before');
  const workers = Math.ceil(target / EVENTS_PER_WORKER);
  const city = await cityHistory({ workers, seed: 1124, dataDir: argValue('data') });
  const store = city.store;
  const pool = store.pool;
  await ensureProjectorSchema(pool);
  const total = city.events;
  const head = await store.headPosition();
  const loadBefore = loadAverage();
  const date = new Date().toISOString();
  console.log(`bench:projections — ${total.toLocaleString()} events, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);

  const results: Row[] = [];
  const pg = (await pool.query<{ v: string }>('SHOW server_version')).rows[0]!.v;
  const only = argValue('only')?.split(',');
  const write = (complete: boolean) => {
    const out = {
      bench: 'projections',
      date,
      machine: { ...machine(), postgres: pg },
      loadAverage: { before: loadBefore, after: loadAverage() },
      events: total,
      workers,
      generatedEventsPerSecond: city.generatedSeconds ? total / city.generatedSeconds : null,
      pageSize: PAGE,
      // false while the run goes on (or if it was stopped): the rows measured so far.
      complete,
      ...(only ? { only } : {}),
      results,
    };
    writeRunsBySize(process.env.BENCH_JSON ?? 'bench/results/projections.json', total, out, (old) => (typeof old.events === 'number' ? old.events : undefined));
    return out;
  };
  // Written after every row, so a long run stopped part way keeps what it measured.
  const report = (r: Row) => {
    results.push(r);
    console.log(formatLine(r, before));
    write(false);
  };
  const line = (r: Row) => formatLine(r, before);
  console.log(header(before));
  for (const projection of DEPARTMENT_PROJECTIONS.filter((p) => !only || only.includes(p.name))) {
    const beforeRate = before ? await timeStatementPerEvent(store, projection, head, total) : undefined;
    const started = process.hrtime.bigint();
    await rebuildProjections(store, pool, [projection], { batchSize: PAGE });
    const rebuildSeconds = seconds(started);
    const floors = await measureFloors(store, pool, [projection], head, total);
    report({
      readModel: projection.name,
      rebuildSeconds,
      rebuildEventsPerSecond: total / rebuildSeconds,
      serverFloorEventsPerSecond: floors.server,
      clientFloorEventsPerSecond: floors.client,
      ratioToServerFloor: total / rebuildSeconds / floors.server,
      ratioToClientFloor: total / rebuildSeconds / floors.client,
      rows: floors.rows,
      ...(beforeRate !== undefined ? { beforeEventsPerSecond: beforeRate } : {}),
    });
  }
  if (!only || only.includes('all')) {
    const started = process.hrtime.bigint();
    await rebuildProjections(store, pool, DEPARTMENT_PROJECTIONS, { batchSize: PAGE });
    const rebuildSeconds = seconds(started);
    const floors = await measureFloors(store, pool, DEPARTMENT_PROJECTIONS, head, total);
    report({
      readModel: 'all seven, one read',
      rebuildSeconds,
      rebuildEventsPerSecond: total / rebuildSeconds,
      serverFloorEventsPerSecond: floors.server,
      clientFloorEventsPerSecond: floors.client,
      ratioToServerFloor: total / rebuildSeconds / floors.server,
      ratioToClientFloor: total / rebuildSeconds / floors.client,
      rows: floors.rows,
    });
  }

  console.log(`\n${header(before)}`);
  for (const r of results) console.log(line(r));
  const out = write(true);
  console.log(`load average before ${out.loadAverage.before.join(', ')}, after ${out.loadAverage.after.join(', ')}`);
  await city.stop();
}

function header(before: boolean): string {
  return `${'read model'.padEnd(20)} ${before ? 'before ev/s  ' : ''}rebuild ev/s  server floor  client floor  ÷server  ÷client  rows`;
}

function formatLine(r: Row, before: boolean): string {
  const n = (x: number, w: number) => x.toFixed(0).padStart(w);
  return `${r.readModel.padEnd(20)} ${before ? `${r.beforeEventsPerSecond !== undefined ? n(r.beforeEventsPerSecond, 11) : ''.padStart(11)}  ` : ''}${n(r.rebuildEventsPerSecond, 12)}  ${n(r.serverFloorEventsPerSecond, 12)}  ${n(r.clientFloorEventsPerSecond, 12)}  ${r.ratioToServerFloor.toFixed(2).padStart(7)}  ${r.ratioToClientFloor.toFixed(2).padStart(7)}  ${r.rows.toLocaleString()}`;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/** The runner as it was before issue 13: every event read, filtered in Node, statements per event. */
async function timeStatementPerEvent(store: PostgresEventStore, projection: Projection, head: number, total: number): Promise<number> {
  const schema = `${projection.name}__before`;
  await store.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await store.pool.query('DELETE FROM projector.checkpoints WHERE name = $1', [schema]);
  const started = process.hrtime.bigint();
  await new ProjectionRunner(store, store.pool, { ...projection, applyBatch: undefined }, {
    target: { checkpoint: schema, schema },
    batchSize: 1000,
    maxBatchDelayMs: 5,
    stopAt: async () => head,
  }).start();
  const rate = total / seconds(started);
  await store.pool.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
  await store.pool.query('DELETE FROM projector.checkpoints WHERE name = $1', [schema]);
  return rate;
}

/**
 * The two floors for the rows now in the live schemas of `projections` (just rebuilt): both
 * write exactly those rows into fresh tables (tables only, as the rebuild loads them).
 */
async function measureFloors(
  store: PostgresEventStore,
  pool: Pool,
  projections: readonly Projection[],
  head: number,
  total: number,
): Promise<{ server: number; client: number; rows: number }> {
  const types = projections.some((p) => p.eventTypes.includes('*')) ? null : [...new Set(projections.flatMap((p) => p.eventTypes))];
  const tables: { source: string; name: string; rows: number }[] = [];
  const fresh = async (suffix: string) => {
    for (const p of projections) {
      const schema = quoteIdent(`${p.name}__${suffix}`);
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.query(`CREATE SCHEMA ${schema}`);
      await pool.query(splitDdl(p.createTables(schema)).tables);
      // Pages write each table's share in no particular order: a floor checks no foreign key.
      const { rows } = await pool.query<{ t: string; c: string }>(
        `SELECT quote_ident(conrelid::regclass::text) AS t, quote_ident(conname) AS c FROM pg_constraint
          WHERE contype = 'f' AND connamespace = $1::regnamespace`,
        [`${p.name}__${suffix}`],
      );
      for (const { c } of rows) {
        const { rows: owner } = await pool.query<{ t: string }>(
          `SELECT conrelid::regclass::text AS t FROM pg_constraint WHERE conname = $1 AND connamespace = $2::regnamespace`,
          [c.replace(/"/g, ''), `${p.name}__${suffix}`],
        );
        await pool.query(`ALTER TABLE ${owner[0]!.t} DROP CONSTRAINT ${c}`);
      }
    }
  };
  for (const p of projections) {
    const { rows } = await pool.query<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = $1 AND c.relkind = 'r' ORDER BY c.oid`,
      [p.name],
    );
    for (const { t } of rows) {
      const n = Number((await pool.query(`SELECT count(*) AS n FROM ${quoteIdent(p.name)}.${quoteIdent(t)}`)).rows[0].n);
      tables.push({ source: p.name, name: t, rows: n });
    }
  }
  const rowsTotal = tables.reduce((n, t) => n + t.rows, 0);

  // Server floor: one scan of the events of these types, then INSERT … SELECT of the rows.
  await fresh('server_floor');
  let started = process.hrtime.bigint();
  await pool.query(`SELECT count(*), sum(length(data::text)) FROM event_store.events WHERE global_position <= $2 AND ($1::text[] IS NULL OR type = ANY($1))`, [
    types,
    head,
  ]);
  for (const t of tables) {
    await pool.query(`INSERT INTO ${quoteIdent(`${t.source}__server_floor`)}.${quoteIdent(t.name)} SELECT * FROM ${quoteIdent(t.source)}.${quoteIdent(t.name)}`);
  }
  const server = total / seconds(started);
  // Dropped before the client floor is written: at 10 M events 人社局's rows alone are gigabytes.
  for (const p of projections) await pool.query(`DROP SCHEMA ${quoteIdent(`${p.name}__server_floor`)} CASCADE`);

  // Client floor: keyset pages of the events (as the rebuild reads them), and per page each
  // table's share of the rows in one multi-row statement. Fetching the rows to write from the
  // rebuilt tables (a cursor on another connection) is not timed.
  await fresh('client_floor');
  const pages = Math.max(1, Math.ceil((await countTypes(pool, types, head)) / PAGE));
  const reader = await pool.connect();
  let timed = 0n;
  try {
    await reader.query('BEGIN');
    for (const [i, t] of tables.entries()) {
      await reader.query(`DECLARE c${i} NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${quoteIdent(t.source)}.${quoteIdent(t.name)} t`);
    }
    let after = 0;
    for (;;) {
      const from = process.hrtime.bigint();
      const events = await readTypes(store, after, head, types, PAGE);
      timed += process.hrtime.bigint() - from;
      after = events.length === PAGE ? events[events.length - 1]!.globalPosition : head;
      for (const [i, t] of tables.entries()) {
        const share = Math.ceil(t.rows / pages);
        const { rows } = await reader.query<{ r: string }>(`FETCH ${share} FROM c${i}`);
        if (rows.length === 0) continue;
        const json = `[${rows.map((r) => r.r).join(',')}]`;
        const target = `${quoteIdent(`${t.source}__client_floor`)}.${quoteIdent(t.name)}`;
        const write = process.hrtime.bigint();
        await pool.query(`INSERT INTO ${target} SELECT * FROM jsonb_populate_recordset(NULL::${target}, $1::jsonb)`, [json]);
        timed += process.hrtime.bigint() - write;
      }
      if (events.length < PAGE) break;
    }
    await reader.query('COMMIT');
  } finally {
    reader.release();
  }
  const client = total / (Number(timed) / 1e9);
  for (const p of projections) {
    await pool.query(`DROP SCHEMA ${quoteIdent(`${p.name}__client_floor`)} CASCADE`);
  }
  return { server, client, rows: rowsTotal };
}

async function countTypes(pool: Pool, types: string[] | null, head: number): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM event_store.events WHERE global_position <= $2 AND ($1::text[] IS NULL OR type = ANY($1))`,
    [types, head],
  );
  return Number(rows[0]!.n);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
