import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, freePort, startEmbeddedPostgres } from '@ledger/database';

/** A fresh embedded PostgreSQL with the ledger's default settings, or BENCH_DATABASE_URL. */
export async function benchDatabase(name: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  const parent = mkdtempSync(join(tmpdir(), `ledger-bench-`));
  chmodSync(parent, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'pg'), port: await freePort(), ephemeral: true });
  await ensureDatabase(server.connectionString('postgres'), name);
  return {
    url: server.connectionString(name),
    async stop() {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export { freePort };

export function seconds(): number {
  return Number(process.env.BENCH_SECONDS ?? 5);
}

/** Runs `clients` loops of `step` for `durationMs`; returns operations per second. */
export async function runFor(clients: number, durationMs: number, step: (client: number, i: number) => Promise<number>): Promise<number> {
  const until = Date.now() + durationMs;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; Date.now() < until; i++) {
        // Not `done += await step()`: that reads `done` before awaiting, and concurrent
        // clients would overwrite each other's counts.
        const n = await step(c, i);
        done += n;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return done / elapsed;
}

export function row(name: string, store: number, baseline: number): string {
  const ratio = store / baseline;
  return `${name.padEnd(34)} ${store.toFixed(0).padStart(9)} ${baseline.toFixed(0).padStart(11)} ${ratio.toFixed(2).padStart(7)}${ratio >= 0.7 ? '' : '  (below 0.7)'}`;
}
