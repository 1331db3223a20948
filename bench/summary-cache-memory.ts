import { PostgresEventStore } from '@ledger/event-store';
import { generateHistory } from '@ledger/read-models/testing/generate';
import { ALL_CATEGORIES, type ReadCredential } from '../apps/api/src/routes/reads/access';
import { readScope } from '../apps/api/src/security/scopes';
import type { ChildLinks } from '../apps/api/src/routes/reads/child-links';
import { SummaryFoldCache } from '../apps/api/src/routes/reads/summary-fold-cache';
import { WorkerSummaryService } from '../apps/api/src/routes/reads/worker-summary.service';
import { benchDatabase } from './support/bench-database';

/**
 * What the summary's fold cache (docs/read-path.md) costs in memory: the heap after a forced GC,
 * before and after every generated worker's summary was answered once, per event kept.
 * npm run build && node --expose-gc dist/bench/summary-cache-memory.js  (BENCH_WORKERS, default 500)
 */
async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const db = await benchDatabase('bench_summary_cache');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
  try {
    await generateHistory(store, { workers: Number(process.env.BENCH_WORKERS ?? 500), seed: 13, concurrency: 4 });
    const { rows } = await store.pool.query<{ id: string }>(`SELECT substr(stream_name, 8) AS id FROM event_store.streams WHERE stream_name LIKE 'worker-%'`);
    const cache = SummaryFoldCache.over(store)!;
    const children = { childrenOf: async (workerId: string) => [`c-${workerId}`] } as unknown as ChildLinks;
    const service = new WorkerSummaryService(store, children, undefined, cache);
    const credential: ReadCredential = { id: 'bench', department: 'audit', principal: 'bench', scopes: ALL_CATEGORIES.map(readScope) };
    // One answer first, so the code and the pool's connections are in the baseline.
    await service.summarise(rows[0]!.id, {}, credential);
    cache.clear();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (const r of rows) await service.summarise(r.id, {}, credential);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    console.log(
      `summary fold cache: ${rows.length} workers, ${cache.size.streams} streams, ${cache.size.events} events kept; heap +${(grown / 2 ** 20).toFixed(1)} MiB, ${(grown / cache.size.events).toFixed(0)} bytes per event`,
    );
  } finally {
    await store.close();
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
