import { Client } from 'pg';
import { startEmbeddedPostgres, EmbeddedServer } from './embedded';
import { ensureDatabase } from './connection';

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Where the ledger's PostgreSQL is: a managed server (DATABASE_URL) or the embedded default. */
export interface RuntimeDatabase {
  readonly url: string;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/**
 * With `DATABASE_URL` the ledger uses that server and starts none; otherwise it starts the
 * embedded PostgreSQL in `LEDGER_DATA_DIR` (default `./.ledger-data`), so `npm start` needs
 * nothing installed by hand.
 */
export async function openRuntimeDatabase(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = () => undefined,
): Promise<RuntimeDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, close: async () => undefined };
  }
  const port = Number(env.LEDGER_PG_PORT ?? 54329);
  // The API already runs the embedded server (the CLI beside `npm start`): use it, own nothing.
  const running = `postgres://ledger:ledger@127.0.0.1:${port}/ledger`;
  if (await answers(running)) return { url: running, embedded: true, close: async () => undefined };
  const server: EmbeddedServer = await startEmbeddedPostgres({
    dataDir: env.LEDGER_DATA_DIR ?? './.ledger-data',
    port,
    log,
  });
  await ensureDatabase(server.connectionString('postgres'), 'ledger');
  return { url: server.connectionString('ledger'), embedded: true, close: () => server.stop() };
}
