import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { ensureProjectorSchema, ProjectionRunner } from '@ledger/projections';
import { publicSecurityProjection } from '@ledger/read-models';
import { generateHistory } from '@ledger/read-models/testing/generate';
import { createApp } from '../apps/api/src/create-app';
import { CredentialService } from '../apps/api/src/security';
import { benchDatabase } from './support/bench-database';

/**
 * npm run bench:console — the counter console in Chromium over BENCH_WORKERS generated workers
 * (default 100,000, about 30 events each), measured in the browser (printed, not asserted):
 *  - first screen: navigation to the search box ready (signed in: the session is in the tab);
 *  - search as the clerk types: the box filled with a 身份证号, then with a name, to the result
 *    list drawn (the console waits 80 ms after the last key before asking: included);
 *  - worker picture: Enter on a result to the picture drawn.
 * BENCH_SAMPLES (default 50) of each; p50 and p99 in milliseconds.
 */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const TODAY = '2026-11-24';
const ROOT = join(__dirname, '..', '..');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(step: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await step();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const chromiumPath = execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-chromium.mjs')], { encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-console.mjs')], { stdio: 'inherit' });
  const db = await benchDatabase('bench_console');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 20 });
  console.log(`bench:console — generating ${WORKERS.toLocaleString()} workers…`);
  const genStarted = Date.now();
  const { events } = await generateHistory(store, { workers: WORKERS, seed: 1124 });
  console.log(`${events.toLocaleString()} events in ${((Date.now() - genStarted) / 1000).toFixed(0)} s; projecting public_security (the lookup reads it)…`);
  await ensureProjectorSchema(store.pool);
  const head = await store.headPosition();
  await new ProjectionRunner(store, store.pool, publicSecurityProjection, { batchSize: 1000, maxBatchDelayMs: 5, stopAt: async () => head }).start();
  await store.pool.query('ANALYZE public_security.workers; ANALYZE public_security.permits');

  const app = await createApp(
    {
      store,
      readPool: store.pool,
      execute: { store, policy: new PolicyView(loadPack('panzhihua')), today: () => TODAY },
      runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction: 'panzhihua' },
    },
    { logger: false },
  );
  await app.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const token = (await app.get(CredentialService).issue({ department: 'residence-office', principal: 'bench' })).token;
  // Ordered by a hash of the id: a spread of workers, the same on every run.
  const { rows: sample } = await store.pool.query<{ worker_id: string; name: string; id_number: string }>(
    'SELECT worker_id, name, id_number FROM public_security.workers ORDER BY md5(worker_id) LIMIT $1',
    [SAMPLES],
  );

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const session = { token, department: 'residence-office', departmentName: '派出所 / 社区服务站 (居住证窗口)', principal: 'bench', scopes: [], today: TODAY, expiresAt: 4102444800000 };
    await context.addInitScript({ content: `sessionStorage.setItem('ledger.console.session', ${JSON.stringify(JSON.stringify(session))})` });

    const first: number[] = [];
    let page: Page | undefined;
    for (let i = 0; i < SAMPLES; i++) {
      await page?.close();
      page = await context.newPage();
      const p = page;
      first.push(await timed(async () => {
        await p.goto(`${base}/console/`);
        await p.getByLabel('查找人员').waitFor();
      }));
    }
    page = page!;
    const box = page.getByLabel('查找人员');
    const summary = page.getByTestId('search-summary');
    const searchById: number[] = [];
    const searchByName: number[] = [];
    const picture: number[] = [];
    for (const worker of sample) {
      await page.keyboard.press('Alt+1');
      await box.waitFor();
      for (const [query, into] of [[worker.name, searchByName], [worker.id_number, searchById]] as const) {
        await box.fill('');
        await summary.waitFor({ state: 'detached' });
        into.push(await timed(async () => {
          await box.fill(query);
          await summary.waitFor();
        }));
      }
      await page.getByTestId('search-results').getByText(worker.id_number).waitFor();
      picture.push(await timed(async () => {
        await box.press('Enter');
        await page!.getByRole('heading', { name: `${worker.name}（${worker.worker_id}）` }).waitFor();
      }));
    }
    const line = (name: string, values: number[]) =>
      `${name.padEnd(34)} p50 ${percentile(values, 50).toFixed(0).padStart(5)} ms   p99 ${percentile(values, 99).toFixed(0).padStart(5)} ms   (${values.length} samples)`;
    console.log(`\nbench:console — ${WORKERS.toLocaleString()} workers, ${events.toLocaleString()} events, Chromium headless`);
    console.log(line('first screen (search box ready)', first));
    console.log(line('search by 身份证号 (typed → list)', searchById));
    console.log(line('search by name (typed → list)', searchByName));
    console.log(line('worker picture (Enter → drawn)', picture));
  } finally {
    await browser.close();
    await app.close();
    await store.close();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
