import 'reflect-metadata';
import { DataSource, EntitySchema, MoreThan } from 'typeorm';
import { PostgresEventStore } from '@ledger/event-store';
import { ensureProjectorSchema, ProjectionRunner } from '@ledger/projections';
import { publicSecurityProjection, publicSecurityQueries } from '@ledger/read-models';
import { generateHistory } from '@ledger/read-models/testing/generate';
import { benchDatabase, runFor, seconds } from './support/bench-database';
import { loadAverage, machine, writeResults } from './support/results';

/**
 * npm run bench:typeorm-reads — should the read routes go through TypeORM? The same two reads of
 * 公安局's model (one permit by worker id; a page of 50 active permits) done the way the routes do
 * them (pg, one statement, `to_jsonb` row) and through a TypeORM 1.x repository over an
 * EntitySchema of the same table, in one run, 8 clients each. Printed, not asserted, and written to
 * bench/results/typeorm-reads.json (BENCH_JSON names another file) with the machine and load
 * average; the figures and the decision are in docs/read-models.md.
 */
interface PermitEntity {
  workerId: string;
  status: string;
  permitNumber: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  nextDueOn: string | null;
  addressDistrict: string | null;
  streamRevision: string;
}

const col = (name: string, type: 'text' | 'date' | 'bigint', nullable = true) => ({ name, type, nullable });
const Permits = new EntitySchema<PermitEntity>({
  name: 'Permit',
  schema: 'public_security',
  tableName: 'permits',
  columns: {
    workerId: { ...col('worker_id', 'text', false), primary: true },
    status: col('status', 'text', false),
    permitNumber: col('permit_number', 'text'),
    issuedOn: col('issued_on', 'date'),
    validUntil: col('valid_until', 'date'),
    nextDueOn: col('next_due_on', 'date'),
    addressDistrict: col('address_district', 'text'),
    streamRevision: col('stream_revision', 'bigint', false),
  },
});

async function main(): Promise<void> {
  const workers = Number(process.env.BENCH_WORKERS ?? 3000);
  const db = await benchDatabase('bench_typeorm');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 10 });
  await ensureProjectorSchema(store.pool);
  await generateHistory(store, { workers, seed: 1124 });
  const head = await store.headPosition();
  await new ProjectionRunner(store, store.pool, publicSecurityProjection, { batchSize: 1000, maxBatchDelayMs: 5, stopAt: async () => head }).start();
  await store.pool.query('ANALYZE public_security.permits');
  const { rows } = await store.pool.query<{ worker_id: string }>('SELECT worker_id FROM public_security.permits');
  const ids = rows.map((r) => r.worker_id);
  console.log(`bench:typeorm-reads — ${ids.length.toLocaleString()} permit rows from ${workers.toLocaleString()} generated workers`);

  const orm = new DataSource({ type: 'postgres', url: db.url, entities: [Permits], poolSize: 10, synchronize: false });
  await orm.initialize();
  const repo = orm.getRepository(Permits);
  const ms = seconds() * 1000;
  const clients = 8;
  const at = new Date().toISOString();
  const loadBefore = loadAverage();
  const pick = (c: number, i: number) => ids[(c * 7919 + i * 104729) % ids.length]!;

  // pg with the entity's eight columns, so the comparison is TypeORM's cost and nothing else.
  const COLUMNS = `worker_id AS "workerId", status, permit_number AS "permitNumber", issued_on::text AS "issuedOn",
    valid_until::text AS "validUntil", next_due_on::text AS "nextDueOn", address_district AS "addressDistrict",
    stream_revision AS "streamRevision"`;
  const results: [string, number, number, number][] = [];
  const routeOne = await runFor(clients, ms, async (c, i) => {
    await publicSecurityQueries.getPermit(store.pool, { workerId: pick(c, i) });
    return 1;
  });
  const pgOne = await runFor(clients, ms, async (c, i) => {
    await store.pool.query(`SELECT ${COLUMNS} FROM public_security.permits WHERE worker_id = $1`, [pick(c, i)]);
    return 1;
  });
  const ormOne = await runFor(clients, ms, async (c, i) => {
    await repo.findOneBy({ workerId: pick(c, i) });
    return 1;
  });
  results.push(['one permit by worker id', routeOne, pgOne, ormOne]);
  // The first page, as a keyset-paged route asks for it (one row more than the page, to know if
  // another follows).
  const routePage = await runFor(clients, ms, async () => {
    await publicSecurityQueries.listPermits(store.pool, { status: 'active', limit: 50 });
    return 1;
  });
  const pgPage = await runFor(clients, ms, async () => {
    await store.pool.query(`SELECT ${COLUMNS} FROM public_security.permits WHERE status = $1 AND worker_id > $2 ORDER BY worker_id LIMIT 51`, ['active', '']);
    return 1;
  });
  const ormPage = await runFor(clients, ms, async () => {
    await repo.find({ where: { status: 'active', workerId: MoreThan('') }, order: { workerId: 'ASC' }, take: 51 });
    return 1;
  });
  results.push(['a page of 50 active permits', routePage, pgPage, ormPage]);

  console.log(`\nreads/s, ${clients} clients, ${seconds()} s each   route (pg, every column)   pg, 8 columns   TypeORM, 8 columns   TypeORM / pg`);
  for (const [name, route, pg, t] of results) {
    console.log(`${name.padEnd(36)} ${route.toFixed(0).padStart(23)} ${pg.toFixed(0).padStart(15)} ${t.toFixed(0).padStart(20)} ${(t / pg).toFixed(2).padStart(14)}`);
  }
  const loadAfter = loadAverage();
  console.log(`load average before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}`);
  writeResults(process.env.BENCH_JSON ?? 'bench/results/typeorm-reads.json', {
    bench: 'typeorm-reads',
    at,
    seconds: seconds(),
    clients,
    permitRows: ids.length,
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    rows: results.map(([read, route, pg, typeorm]) => ({ read, routeReadsPerSecond: route, pgReadsPerSecond: pg, typeormReadsPerSecond: typeorm, typeormToPg: typeorm / pg })),
  });
  await orm.destroy();
  await store.close();
  await db.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
