import { PostgresEventStore } from '@ledger/event-store';
import { ensureProjectorSchema, ProjectionRunner, quoteIdent } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { generateHistory } from '@ledger/read-models/testing/generate';
import { benchDatabase } from './support/bench-database';

/**
 * npm run bench:projections — rebuild rate of each department read model over generated
 * events (BENCH_EVENTS, default 1,000,000), beside the plain-SQL floor in the same run: scan the
 * events of the types it reads, and INSERT … SELECT exactly the rows it produced into an
 * empty copy of its tables. Printed, not asserted.
 */
async function main(): Promise<void> {
  const target = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const db = await benchDatabase('bench_projections');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 20 });
  const pool = store.pool;
  await ensureProjectorSchema(pool);
  console.log(`bench:projections — generating about ${target.toLocaleString()} events…`);
  const genStarted = Date.now();
  const workers = Math.ceil(target / 30);
  await generateHistory(store, { workers, seed: 1124 });
  const total = await store.countAfter(0, Number.MAX_SAFE_INTEGER);
  const head = await store.headPosition();
  console.log(`${total.toLocaleString()} events for ${workers.toLocaleString()} workers in ${((Date.now() - genStarted) / 1000).toFixed(0)} s`);
  await pool.query('VACUUM ANALYZE event_store.events');

  const lines: string[] = [];
  for (const projection of DEPARTMENT_PROJECTIONS) {
    const schema = `${projection.name}__bench`;
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await pool.query('DELETE FROM projector.checkpoints WHERE name = $1', [schema]);
    const started = process.hrtime.bigint();
    const runner = new ProjectionRunner(store, pool, projection, {
      target: { checkpoint: schema, schema },
      batchSize: 1000,
      maxBatchDelayMs: 5,
      stopAt: async () => head,
    });
    await runner.start();
    const rebuildSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    // The floor: read the same events, write the same rows, set-based.
    const floorSchema = `${projection.name}__floor`;
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(floorSchema)} CASCADE; CREATE SCHEMA ${quoteIdent(floorSchema)}`);
    await pool.query(projection.createTables(quoteIdent(floorSchema)));
    const { rows: tables } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
      [schema],
    );
    const floorStarted = process.hrtime.bigint();
    const types = projection.eventTypes.includes('*') ? null : [...projection.eventTypes];
    await pool.query(
      `SELECT count(*), sum(length(data::text)) FROM event_store.events WHERE $1::text[] IS NULL OR type = ANY($1)`,
      [types],
    );
    let rowsWritten = 0;
    for (const { table_name } of tables) {
      const r = await pool.query(
        `INSERT INTO ${quoteIdent(floorSchema)}.${quoteIdent(table_name)} SELECT * FROM ${quoteIdent(schema)}.${quoteIdent(table_name)}`,
      );
      rowsWritten += r.rowCount ?? 0;
    }
    const floorSeconds = Number(process.hrtime.bigint() - floorStarted) / 1e9;
    const rate = total / rebuildSeconds;
    const floorRate = total / floorSeconds;
    const line = `${projection.name.padEnd(16)} ${rate.toFixed(0).padStart(9)} ev/s  ${floorRate.toFixed(0).padStart(10)} ev/s  ${(rate / floorRate).toFixed(2).padStart(6)}  (${rowsWritten.toLocaleString()} rows, rebuild ${rebuildSeconds.toFixed(1)} s)`;
    lines.push(line);
    console.log(line);
    await pool.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE; DROP SCHEMA ${quoteIdent(floorSchema)} CASCADE`);
  }
  console.log(`\nread model       rebuild rate   plain-SQL floor   ratio   over ${total.toLocaleString()} events`);
  for (const line of lines) console.log(line);
  await store.close();
  await db.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
