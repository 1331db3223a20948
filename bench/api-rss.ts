import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@ledger/database';

/**
 * npm run bench:api-rss — the API process's resident memory while it takes 100,000 commands
 * (issue 13: "API process RSS after 100,000 commands (bounded)").
 *
 * The API runs as `npm start` runs it (dist/apps/api/src/main.js on its embedded PostgreSQL,
 * projections in the same process), in a process of its own, so its RSS is its own, not the
 * load generator's: the RSS read is the serving process's (`main.js --serve`), not its supervisor's. autocannon sends RegisterResidence (a new worker and Idempotency-Key each) at
 * BENCH_CONNECTIONS (default 32) connections, in steps of BENCH_STEP (default 10,000) commands up
 * to BENCH_COMMANDS (default 100,000); after each step the API's RSS and heap are read from
 * /proc/<pid>/status and /metrics. Printed as a table and written to BENCH_JSON (default
 * bench/results/api-rss.json). Nothing is asserted: "bounded" is read from the table (the last
 * steps should not keep growing).
 */
const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const TOTAL = Number(process.env.BENCH_COMMANDS ?? 100_000);
const STEP = Number(process.env.BENCH_STEP ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ADDRESS = { line: '攀枝花市东区炳草岗大街1号3栋2单元501', districtCode: '510402' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface AutocannonResult {
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/** VmRSS of a process, in MiB. */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

/**
 * The process that serves HTTP: `main.js` supervises (it starts the embedded PostgreSQL) and
 * serves in a child of its own, `main.js --serve`.
 */
function servingPid(supervisor: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === supervisor && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--serve')) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no "main.js --serve" child of ${supervisor}`);
}

/** A gauge from the API's /metrics (the Node heap, as prom-client names it). */
async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.trim().split(/\s+/).pop()) : NaN;
}

interface Step {
  commands: number;
  created: number;
  commandsPerSecond: number;
  p50: number;
  p99: number;
  rssMiB: number;
  heapUsedMiB: number;
  statuses: string;
}

async function main(): Promise<void> {
  const parent = mkdtempSync(join(tmpdir(), 'ledger-bench-rss-'));
  chmodSync(parent, 0o755);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEDGER_DATA_DIR: join(parent, 'data'),
    LEDGER_PG_PORT: String(await freePort()),
    PORT: String(port),
    DATABASE_URL: '',
    LEDGER_RATE_LIMIT_PER_SECOND: '10000000',
    LEDGER_RATE_LIMIT_BURST: '10000000',
    LOG_LEVEL: 'warn',
  };
  const api = spawn(process.execPath, [API], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (const started = Date.now(); ; await sleep(200)) {
      if (await fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false)) break;
      if (Date.now() - started > 60_000) throw new Error('the API did not answer /health/ready within 60 s');
    }
    const issued = await promisify(execFile)(
      process.execPath,
      [CLI, 'credentials', 'issue', '--department', 'residence-office', '--principal', 'bench-rss', '--json'],
      { env },
    );
    const token = (JSON.parse(issued.stdout) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ address: ADDRESS, arrivalOn: '2023-08-31' });
    const startedAt = new Date().toISOString();
    const loadBefore = loadavg().map((l) => Number(l.toFixed(2)));
    const steps: Step[] = [];
    const serving = servingPid(api.pid!);
    const idle = { rssMiB: rssMiB(serving), heapUsedMiB: (await metric(base, 'nodejs_heap_size_used_bytes')) / 2 ** 20 };
    console.log(`bench:api-rss — ${TOTAL.toLocaleString()} commands at ${CONNECTIONS} connections, steps of ${STEP.toLocaleString()}, ${startedAt}`);
    console.log(`ready, before any command: RSS ${idle.rssMiB.toFixed(0)} MiB, heap used ${idle.heapUsedMiB.toFixed(0)} MiB`);
    console.log('\ncommands   created/s     p50     p99   RSS MiB   heap used MiB   statuses');
    let next = 0;
    for (let sent = 0; sent < TOTAL; sent += STEP) {
      const result = await autocannon({
        url: base,
        connections: CONNECTIONS,
        amount: Math.min(STEP, TOTAL - sent),
        requests: [
          {
            method: 'POST',
            headers: auth,
            body,
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              path: `/v1/workers/rss-${next++}/residence-permit/registrations`,
              headers: { ...auth, 'idempotency-key': randomUUID() },
            }),
          },
        ],
      });
      const created = result.statusCodeStats?.['201']?.count ?? 0;
      const step: Step = {
        commands: sent + Math.min(STEP, TOTAL - sent),
        created,
        commandsPerSecond: created / result.duration,
        p50: result.latency.p50,
        p99: result.latency.p99,
        rssMiB: rssMiB(serving),
        heapUsedMiB: (await metric(base, 'nodejs_heap_size_used_bytes')) / 2 ** 20,
        statuses: Object.entries(result.statusCodeStats ?? {})
          .map(([code, { count }]) => `${code}×${count}`)
          .join(' '),
      };
      steps.push(step);
      console.log(
        `${step.commands.toLocaleString().padStart(8)} ${step.commandsPerSecond.toFixed(0).padStart(11)} ${`${step.p50} ms`.padStart(7)} ${`${step.p99} ms`.padStart(7)} ${step.rssMiB.toFixed(0).padStart(9)} ${step.heapUsedMiB.toFixed(0).padStart(15)}   ${step.statuses}${result.errors || result.timeouts ? ` errors ${result.errors} timeouts ${result.timeouts}` : ''}`,
      );
    }
    const loadAfter = loadavg().map((l) => Number(l.toFixed(2)));
    console.log(`load average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}`);
    const file = process.env.BENCH_JSON ?? 'bench/results/api-rss.json';
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          bench: 'api-rss',
          at: startedAt,
          connections: CONNECTIONS,
          machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore, loadAfter },
          idle,
          steps,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`written ${file}`);
  } finally {
    const exited = new Promise((r) => api.once('exit', r));
    api.kill('SIGINT');
    await exited;
    rmSync(parent, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
