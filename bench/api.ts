import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { ensureProjectorSchema, type Projection, ProjectionRunner, rebuildProjections } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { generateHistory } from '@ledger/read-models/testing/generate';
import { createApp } from '../apps/api/src/create-app';
import { CredentialService } from '../apps/api/src/security';
import { readScope } from '../apps/api/src/security/scopes';
import { ALL_CATEGORIES } from '../apps/api/src/routes/reads/access';
import { WorkerSummaryService } from '../apps/api/src/routes/reads/worker-summary.service';
import { benchDatabase } from './support/bench-database';
import { argValue, copyOfCity } from './support/city-history';
import { loadAverage, machine, writeRunsBySize } from './support/results';

/**
 * npm run bench:api — the HTTP API on loopback under autocannon, each figure beside the event
 * store's own append rate measured in the same run on the same database (printed, not asserted):
 *  (a) RegisterResidence (POST /v1/workers/{id}/residence-permit/registrations), a new worker and
 *      Idempotency-Key per request, at 1, 8 and 32 connections: commands/s, p50/p99 latency,
 *      beside the store's single-event append rate with as many clients, measured just before
 *      and just after (the better of the two divides);
 *  (b) the read path under 64 connections, p50/p99 and reads/s each: the worker summary
 *      (GET /v1/workers/{id}/summary, over BENCH_SUMMARY_WORKERS (default 500) generated workers of
 *      about 30 events in 7 streams each, appended before (a)), a department list (GET
 *      /v1/public-security/permits, read model caught up after (a)) and a feed page (GET /v1/feed,
 *      50 events after a random position);
 *  (c) the summary alone: WorkerSummaryService in the process, one caller, no HTTP (ms per answer);
 *  (d) the process's RSS (the API and the bench's clients share it) after the commands.
 * BENCH_SECONDS (default 10) per measurement; BENCH_CONNECTIONS (default 1,8,32);
 * BENCH_JSON (default bench/results/api.json), with the machine and the load average before and
 * after; `npm run bench:charts` draws (a)'s latency and rates against connections from it.
 *
 * `-- --data DIR` (a folder `npm run bench:generate` wrote, e.g. 1 M events with `--workers 38000`
 * or 10 M with `--workers 380000`) runs all of it over that city instead: on a copy of its
 * database (`CREATE DATABASE … TEMPLATE`, the folder's own database is only read), the summary
 * over every worker of the city, and only the read model the list reads (public security's) kept
 * up, rebuilt by the set-based rebuild first if it is behind (a city where `bench:projections` ran
 * has it). The JSON keeps the latest run at the top
 * level and every run under `runs` by the log's size in events (`logEvents`).
 */

// autocannon ships no types; the slice used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
/** BENCH_CONNECTIONS: a comma-separated list (default 1,8,32). */
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,8,32').split(',').map(Number);
const SUMMARY_CONNECTIONS = 64;
const SUMMARY_WORKERS = Number(process.env.BENCH_SUMMARY_WORKERS ?? 500);
const TODAY = '2026-11-24';
const ADDRESS = { line: '攀枝花市东区炳草岗大街1号3栋2单元501', districtCode: '510402' };

/**
 * `clients` loops of `step` for `durationMs`; operations per second. Not support/runFor: its
 * `done += await step()` reads `done` before the await, so concurrent clients overwrite each
 * other's counts and the rate comes out far too low with more than one client.
 */
async function opsPerSecond(clients: number, durationMs: number, step: (client: number, i: number) => Promise<void>): Promise<number> {
  const until = Date.now() + durationMs;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; Date.now() < until; i++) {
        await step(c, i);
        done++;
      }
    }),
  );
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Over a city: the read models whose checkpoint is not at the head rebuilt set-based (the runner would take hours at 10 M). */
async function rebuildBehind(store: PostgresEventStore, projections: readonly Projection[]): Promise<void> {
  await ensureProjectorSchema(store.pool);
  const head = await store.headPosition();
  const { rows } = await store.pool.query<{ name: string; position: string }>('SELECT name, position FROM projector.checkpoints');
  const at = new Map(rows.map((r) => [r.name, Number(r.position)]));
  const behind = projections.filter((p) => (at.get(p.name) ?? -1) < head);
  if (behind.length === 0) return;
  const started = Date.now();
  await rebuildProjections(store, store.pool, behind, { batchSize: 10_000 });
  console.log(`rebuilt ${behind.map((p) => p.name).join(', ')} over the city in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function createReadModels(store: PostgresEventStore, projections: readonly Projection[]): Promise<void> {
  await ensureProjectorSchema(store.pool);
  for (const projection of projections) {
    const runner = new ProjectionRunner(store, store.pool, projection, { batchSize: 500, poison: 'stop' });
    const done = runner.start();
    const head = await store.headPosition();
    for (;;) {
      const { rows } = await store.pool.query('SELECT position FROM projector.checkpoints WHERE name = $1', [projection.name]);
      if (rows.length > 0 && Number(rows[0].position) >= head) break;
      if (runner.state === 'failed') await done;
      await new Promise((r) => setTimeout(r, 20));
    }
    await runner.stop();
  }
}

function statuses(result: AutocannonResult): string {
  return Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ');
}

async function main(): Promise<void> {
  process.env.LEDGER_RATE_LIMIT_PER_SECOND = '10000000';
  process.env.LEDGER_RATE_LIMIT_BURST = '10000000';
  const dataDir = argValue('data');
  const db = dataDir ? await copyOfCity(dataDir, 'bench_api') : await benchDatabase('bench_api');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 40 });
  // Workers with a real history for the summary (a registration, a permit with 签注, contributions,
  // points, a child…): generated here, or the city's.
  if (!dataDir) await generateHistory(store, { workers: SUMMARY_WORKERS, seed: 13, concurrency: 4 });
  const { rows: generated } = await store.pool.query<{ id: string }>(
    `SELECT substr(stream_name, 8) AS id FROM event_store.streams WHERE stream_name LIKE 'worker-%' ORDER BY stream_name`,
  );
  const logEvents = Number((await store.pool.query('SELECT count(*) AS n FROM event_store.events')).rows[0].n);
  // Over a city only the read model the list reads is kept up (the others are not read here, and
  // at 10 M events 人社局's alone is gigabytes): public security's.
  const readModels = dataDir ? DEPARTMENT_PROJECTIONS.filter((p) => p.name === 'public_security') : DEPARTMENT_PROJECTIONS;
  if (dataDir) await rebuildBehind(store, readModels);
  await createReadModels(store, readModels);
  const policy = new PolicyView(loadPack('panzhihua'));
  const app = await createApp(
    {
      store,
      readPool: store.pool,
      execute: { store, policy, today: () => TODAY },
      runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction: 'panzhihua' },
    },
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const { token } = await app.get(CredentialService).issue({ department: 'residence-office', principal: 'bench' });
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const startedAt = new Date().toISOString();
  const loadBefore = loadAverage();
  console.log(`bench:api — ${seconds} s per measurement, embedded PostgreSQL, autocannon on loopback, ${startedAt}, log of ${logEvents.toLocaleString()} events${dataDir ? ` (the city in ${dataDir})` : ''}`);

  // A check before timing: the command is accepted (201), so the bench measures real appends.
  const probe = await fetch(`${url}/v1/workers/bench-probe/residence-permit/registrations`, {
    method: 'POST',
    headers: { ...auth, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ address: ADDRESS, arrivalOn: '2023-08-31' }),
  });
  if (probe.status !== 201) throw new Error(`RegisterResidence answered ${probe.status}: ${await probe.text()}`);

  let next = 0;
  const run = `${process.pid}-${Date.now().toString(36)}`;
  // The store's own append rate: what a command costs at least (one append to a fresh stream).
  const appendStep = (tag: string) => async (c: number, i: number) => {
    await store.appendToStream(
      `residence-permit-s-${tag}-${run}-${c}-${i}`,
      [
        {
          eventId: randomUUID(),
          type: 'ResidenceRegistered',
          data: { workerId: `s-${tag}-${c}-${i}`, address: ADDRESS, arrivalOn: '2023-08-31', registeredOn: TODAY },
          metadata: { actor: { department: 'residence-office', principal: 'bench' } },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  };

  // (a) commands/s at each connection count, a new worker id and Idempotency-Key per request,
  // between two measurements of the store's append rate with as many clients (the better one is
  // the divisor: the ratio never flatters the API on a shared machine).
  const body = JSON.stringify({ address: ADDRESS, arrivalOn: '2023-08-31' });
  const commandRows: CommandRow[] = [];
  for (const connections of CONNECTIONS) {
    const before = await opsPerSecond(connections, seconds * 1000, appendStep(`pre${connections}`));
    const commands = await autocannon({
      url,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: auth,
          body,
          setupRequest: (req) => ({
            ...req,
            path: `/v1/workers/b-${run}-${next++}/residence-permit/registrations`,
            headers: { ...auth, 'idempotency-key': randomUUID() },
          }),
        },
      ],
    });
    const after = await opsPerSecond(connections, seconds * 1000, appendStep(`post${connections}`));
    const created = commands.statusCodeStats?.['201']?.count ?? commands['2xx'];
    const rate = created / seconds;
    const appendRate = Math.max(before, after);
    commandRows.push({
      connections,
      commandsPerSecond: rate,
      p50: commands.latency.p50,
      p99: commands.latency.p99,
      statuses: statuses(commands),
      errors: commands.errors,
      timeouts: commands.timeouts,
      storeAppendsPerSecond: appendRate,
      ratio: rate / appendRate,
    });
    console.log(commandLine(commandRows[commandRows.length - 1]!));
  }
  const rssAfterCommands = process.memoryUsage().rss;

  // (b) the read path under 64 connections: the summary over the generated workers, a department
  // list from its read model (caught up first), a feed page.
  await createReadModels(store, readModels);
  const head = await store.headPosition();
  const read = async (name: string, path: () => string): Promise<ReadRow> => {
    const result = await autocannon({
      url,
      connections: SUMMARY_CONNECTIONS,
      duration: seconds,
      requests: [{ method: 'GET', headers: { authorization: auth.authorization }, setupRequest: (req) => ({ ...req, path: path() }) }],
    });
    const row = { name, readsPerSecond: result['2xx'] / seconds, p50: result.latency.p50, p99: result.latency.p99, statuses: statuses(result), errors: result.errors, timeouts: result.timeouts };
    console.log(readLine(row));
    return row;
  };
  const readRows = [
    await read(`worker summary (${generated.length} generated workers)`, () => `/v1/workers/${generated[Math.floor(Math.random() * generated.length)]!.id}/summary`),
    await read('permits list (public-security)', () => `/v1/public-security/permits?limit=20`),
    await read('feed page (50 events)', () => `/v1/feed?after=${Math.floor(Math.random() * head)}&limit=50`),
  ];
  // (c) the summary alone, one caller, in the process: what an answer costs without HTTP and contention.
  const service = app.get(WorkerSummaryService, { strict: false });
  const credential = { id: 'bench', department: 'residence-office', principal: 'bench', scopes: ALL_CATEGORIES.map(readScope) };
  const took: number[] = [];
  for (const until = Date.now() + seconds * 500; Date.now() < until; ) {
    const started = process.hrtime.bigint();
    await service.summarise(generated[Math.floor(Math.random() * generated.length)]!.id, {}, credential);
    took.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  took.sort((a, b) => a - b);
  const alone = { answers: took.length, mean: took.reduce((a, b) => a + b, 0) / took.length, p50: took[Math.floor(took.length / 2)]!, p99: took[Math.floor(took.length * 0.99)]! };
  console.log(`  summary alone (in process, one caller, no HTTP): ${alone.answers} answers, mean ${alone.mean.toFixed(2)} ms, p50 ${alone.p50.toFixed(2)} ms, p99 ${alone.p99.toFixed(2)} ms`);
  const rssAtEnd = process.memoryUsage().rss;

  console.log('');
  console.log('RegisterResidence (POST, new worker and key each)   commands/s   p50      p99      store appends/s  ratio');
  for (const row of commandRows) console.log(commandLine(row));
  console.log(`reads, ${SUMMARY_CONNECTIONS} connections                              reads/s      p50      p99`);
  for (const row of readRows) console.log(readLine(row));
  console.log(`summary alone (in process, one caller, no HTTP): ${alone.answers} answers, mean ${alone.mean.toFixed(2)} ms, p50 ${alone.p50.toFixed(2)} ms, p99 ${alone.p99.toFixed(2)} ms`);
  console.log(
    `process RSS (the API and the bench's clients in one process): ${mib(rssAfterCommands)} after ${next} commands, ${mib(rssAtEnd)} at the end`,
  );

  const loadAfter = loadAverage();
  console.log(`load average before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}`);
  writeRunsBySize(process.env.BENCH_JSON ?? 'bench/results/api.json', logEvents, {
    bench: 'api',
    at: startedAt,
    logEvents,
    city: dataDir ?? null,
    seconds,
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    commands: commandRows,
    reads: { connections: SUMMARY_CONNECTIONS, rows: readRows, summaryAlone: alone },
    rss: { afterCommands: rssAfterCommands, commands: next, atEnd: rssAtEnd },
  }, (old) => (typeof old.logEvents === 'number' ? old.logEvents : undefined));

  await app.close();
  await store.close();
  await db.stop();
}

interface CommandRow {
  connections: number;
  commandsPerSecond: number;
  p50: number;
  p99: number;
  statuses: string;
  errors: number;
  timeouts: number;
  storeAppendsPerSecond: number;
  ratio: number;
}

interface ReadRow {
  name: string;
  readsPerSecond: number;
  p50: number;
  p99: number;
  statuses: string;
  errors: number;
  timeouts: number;
}

function readLine(r: ReadRow): string {
  return `  ${r.name.padEnd(50)}${r.readsPerSecond.toFixed(0).padStart(6)}   ${`${r.p50.toFixed(1)} ms`.padEnd(8)} ${`${r.p99.toFixed(1)} ms`.padEnd(8)} [${r.statuses}${r.errors ? `; errors ${r.errors}` : ''}${r.timeouts ? `; timeouts ${r.timeouts}` : ''}]`;
}

function commandLine(r: CommandRow): string {
  return `  ${String(r.connections).padStart(2)} connection(s)${' '.repeat(35)}${r.commandsPerSecond.toFixed(0).padStart(6)}   ${`${r.p50.toFixed(1)} ms`.padEnd(8)} ${`${r.p99.toFixed(1)} ms`.padEnd(8)} ${r.storeAppendsPerSecond.toFixed(0).padStart(9)}      ${r.ratio.toFixed(2)}  [${r.statuses}${r.errors ? `; errors ${r.errors}` : ''}${r.timeouts ? `; timeouts ${r.timeouts}` : ''}]`;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
