import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '@ledger/database';
import { PostgresEventStore } from '@ledger/event-store';
import { copyHistory } from '@ledger/read-models/testing/copy-history';

/** Events `copyHistory` writes per worker on average (seed 1124: 26.3 measured over 3,000 workers): 10 M events ≈ 380,000 workers. */
export const EVENTS_PER_WORKER = 26.3;

export interface CityHistory {
  store: PostgresEventStore;
  url: string;
  dataDir: string | null;
  events: number;
  /** Seconds the COPY took, or null when the data folder already held the history. */
  generatedSeconds: number | null;
  stop(): Promise<void>;
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * A store holding a generated city (bench:generate): in `dataDir` (kept, reused by later runs) or in
 * a throwaway folder. Generates by COPY when the store is empty.
 */
export async function cityHistory(options: { workers: number; seed: number; dataDir?: string; log?: (line: string) => void }): Promise<CityHistory> {
  const log = options.log ?? console.log;
  const ephemeral = !options.dataDir;
  const parent = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'ledger-city-'));
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'pg'), port: await freePort(), ephemeral });
  await ensureDatabase(server.connectionString('postgres'), 'ledger_city');
  const url = server.connectionString('ledger_city');
  const store = await PostgresEventStore.connect(url, { poolSize: 20 });
  const count = async () => Number((await store.pool.query('SELECT count(*) AS n FROM event_store.events')).rows[0].n);
  let events = await count();
  let generatedSeconds: number | null = null;
  if (events === 0) {
    log(`generating ${options.workers.toLocaleString()} workers (seed ${options.seed}) by COPY into ${ephemeral ? 'a throwaway database' : parent}…`);
    const started = process.hrtime.bigint();
    let lastLog = Date.now();
    const written = await copyHistory(store.pool, {
      workers: options.workers,
      seed: options.seed,
      onProgress: (done, n) => {
        if (Date.now() - lastLog < 10_000) return;
        lastLog = Date.now();
        const s = Number(process.hrtime.bigint() - started) / 1e9;
        log(`  ${done.toLocaleString()} workers, ${n.toLocaleString()} events, ${(n / s).toFixed(0)} events/s`);
      },
    });
    generatedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await store.pool.query('VACUUM ANALYZE event_store.events');
    await store.pool.query('VACUUM ANALYZE event_store.streams');
    events = written.events;
    log(`generated ${events.toLocaleString()} events (${(events / options.workers).toFixed(1)} a worker) in ${written.streams.toLocaleString()} streams in ${generatedSeconds.toFixed(0)} s: ${(events / generatedSeconds).toFixed(0)} events/s`);
  } else {
    log(`using the ${events.toLocaleString()} events already in ${parent}`);
  }
  return {
    store,
    url,
    dataDir: ephemeral ? null : parent,
    events,
    generatedSeconds,
    async stop() {
      await store.close();
      await server.stop();
      if (ephemeral) rmSync(parent, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of a generated city's database (`CREATE DATABASE … TEMPLATE`) named `name`, on its own
 * embedded server over the folder's data directory, dropped by `stop()`: a bench may append to
 * the copy while the city itself (database `ledger_city`) is only read.
 */
export async function copyOfCity(dataDir: string, name: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await startEmbeddedPostgres({ dataDir: join(resolve(dataDir), 'pg'), port: await freePort(), ephemeral: false });
  await ensureDatabase(server.connectionString('postgres'), 'ledger_city');
  const admin = new Client({ connectionString: server.connectionString('postgres') });
  await admin.connect();
  const started = Date.now();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ledger_city`);
  console.log(`copied the city in ${dataDir} (CREATE DATABASE … TEMPLATE) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return {
    url: server.connectionString(name),
    async stop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await server.stop();
    },
  };
}
