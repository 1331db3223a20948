import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { ensureProjectorSchema, ProjectionRunner } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { createApp } from '../apps/api/src/create-app';
import { CredentialService } from '../apps/api/src/security';
import { benchDatabase } from './support/bench-database';

/**
 * npm run bench:api — the HTTP API on loopback under autocannon, each figure beside the event
 * store's own append rate measured in the same run on the same database (printed, not asserted):
 *  (a) RegisterResidence (POST /v1/workers/{id}/residence-permit/registrations), a new worker and
 *      Idempotency-Key per request: commands/s, p50/p99 latency;
 *  (b) the worker summary (GET /v1/workers/{id}/summary) under 64 connections: p50/p99, reads/s.
 * The store's rate: single-event appendToStream to fresh streams by as many concurrent clients as
 * the command bench has connections, for as long. BENCH_SECONDS (default 10) per measurement;
 * BENCH_CONNECTIONS (default 32) for the command bench.
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
const COMMAND_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SUMMARY_CONNECTIONS = 64;
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

async function createReadModels(store: PostgresEventStore): Promise<void> {
  await ensureProjectorSchema(store.pool);
  for (const projection of DEPARTMENT_PROJECTIONS) {
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
  const db = await benchDatabase('bench_api');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 40 });
  await createReadModels(store);
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
  console.log(
    `bench:api — ${seconds} s per measurement, embedded PostgreSQL, autocannon on loopback, ${new Date().toISOString()}`,
  );

  // A check before timing: the command is accepted (201), so the bench measures real appends.
  const probe = await fetch(`${url}/v1/workers/bench-probe/residence-permit/registrations`, {
    method: 'POST',
    headers: { ...auth, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ address: ADDRESS, arrivalOn: '2023-08-31' }),
  });
  if (probe.status !== 201) throw new Error(`RegisterResidence answered ${probe.status}: ${await probe.text()}`);

  let next = 0;
  const run = `${process.pid}-${Date.now().toString(36)}`;
  // The store's own append rate, measured before the HTTP runs as well as between them.
  const appendStep = (tag: string) => async (c: number, i: number) => {
    await store.appendToStream(
      `residence-permit-s-${tag}-${run}-${c}-${i}`,
      [
        {
          eventId: randomUUID(),
          type: 'ResidenceRegistered',
          data: { workerId: `s-${tag}-${c}-${i}`, address: ADDRESS, arrivalOn: '2023-08-31' },
          metadata: { actor: { department: 'residence-office', principal: 'bench' } },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  };
  const appendRateBefore = await opsPerSecond(COMMAND_CONNECTIONS, seconds * 1000, appendStep('pre'));

  // (a) commands/s: a new worker id and Idempotency-Key per request.
  const body = JSON.stringify({ address: ADDRESS, arrivalOn: '2023-08-31' });
  const commands = await autocannon({
    url,
    connections: COMMAND_CONNECTIONS,
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
  const created = commands.statusCodeStats?.['201']?.count ?? commands['2xx'];
  const commandRate = created / seconds;

  // The store's own append rate, same clients, same duration, same run.
  const appendRate = await opsPerSecond(COMMAND_CONNECTIONS, seconds * 1000, appendStep('post'));

  // (b) the worker summary under 64 connections, over workers the command bench registered.
  const workers = Math.max(1, Math.min(next, 5000));
  const summaries = await autocannon({
    url,
    connections: SUMMARY_CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        headers: { authorization: auth.authorization },
        setupRequest: (req) => ({
          ...req,
          path: `/v1/workers/b-${run}-${Math.floor(Math.random() * workers)}/summary`,
        }),
      },
    ],
  });
  const summaryRate = summaries['2xx'] / seconds;

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log('');
  console.log(
    `RegisterResidence  ${COMMAND_CONNECTIONS} conns: ${commandRate.toFixed(0)} commands/s (201s), p50 ${ms(commands.latency.p50)}, p99 ${ms(commands.latency.p99)}  [${statuses(commands)}; errors ${commands.errors}, timeouts ${commands.timeouts}]`,
  );
  console.log(
    `store appendToStream ${COMMAND_CONNECTIONS} clients: ${appendRate.toFixed(0)} appends/s (single event, fresh stream; ${appendRateBefore.toFixed(0)}/s before the HTTP runs)`,
  );
  console.log(`  ratio commands/s ÷ appends/s = ${(commandRate / appendRate).toFixed(2)}`);
  console.log(
    `worker summary     ${SUMMARY_CONNECTIONS} conns: ${summaryRate.toFixed(0)} reads/s (2xx), p50 ${ms(summaries.latency.p50)}, p99 ${ms(summaries.latency.p99)}  [${statuses(summaries)}; errors ${summaries.errors}, timeouts ${summaries.timeouts}]`,
  );
  console.log(`  ratio summary reads/s ÷ store appends/s = ${(summaryRate / appendRate).toFixed(2)}`);

  await app.close();
  await store.close();
  await db.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
