import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import {
  AuditLogWriter,
  exportBundle,
  NoteSigner,
  parseVerifierKey,
  PostgresAuditLog,
  verifyAudit,
  verifyBundle,
} from '@ledger/audit';
import { canonicalContent, PostgresEventStore } from '@ledger/event-store';
import { addDays } from '@ledger/kernel';
import type { ChildLinks } from '../apps/api/src/routes/reads/child-links';
import { instantMicros, type Clocks } from '../apps/api/src/routes/reads/clocks';
import { ALL_CATEGORIES } from '../apps/api/src/routes/reads/access';
import { readScope } from '../apps/api/src/security/scopes';
import { SummarySnapshots } from '../apps/api/src/routes/reads/summary-snapshots';
import { WorkerSummaryService } from '../apps/api/src/routes/reads/worker-summary.service';
import { benchDatabase } from './support/bench-database';
import { argValue } from './support/city-history';
import { machine } from './support/results';

/**
 * npm run bench:audit — the verifiable log (docs/audit.md): how fast the writer takes events in,
 * `audit verify` events/s beside plain SHA-256 over the same canonical bytes in the same run,
 * inclusion-proof p50/p99 from PostgreSQL, the offline check of a 200-event bundle, and the
 * worker summary as of a date for a worker with 200 events, with and without snapshots.
 * BENCH_AUDIT_EVENTS sets the log's size (default 20,000; the 1,000,000 takes minutes).
 * Writes the figures, with the date, machine and load, to bench/results/audit.json (`-- --out FILE` names another);
 * `-- --rounds N` sets how many times verify and its floors alternate (default 3).
 */
const actor = { department: 'bench', principal: 'bench' };
const data = { workerId: 'w-000001', effectiveOn: '2024-02-29', months: ['2024-01', '2024-02'], base: 512300 };

const load = () => loadavg().map((n) => Number(n.toFixed(2)));
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_AUDIT_EVENTS ?? 20_000);
  const out = argValue('out') ?? 'bench/results/audit.json';
  const started = { date: new Date().toISOString(), load: load() };
  const db = await benchDatabase('bench_audit');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 8 });
  const log = await PostgresAuditLog.open(store.pool);
  const signer = NoteSigner.generate('ledger.example.gov.cn/bench');
  console.log(`bench:audit — ${total} events, embedded PostgreSQL; load average ${started.load.join(', ')}`);

  // One worker with 200 events (the bundle), the rest in streams of 100, appended through the store.
  let t = process.hrtime.bigint();
  await store.appendToStream('worker-bench', Array.from({ length: 200 }, () => ({ eventId: randomUUID(), type: 'ContributionsRecorded', data, metadata: { actor } })), { expectedRevision: 'no_stream' });
  for (let n = 200, s = 0; n < total; n += 100, s++) {
    const batch = Array.from({ length: Math.min(100, total - n) }, () => ({ eventId: randomUUID(), type: 'ContributionsRecorded', data, metadata: { actor } }));
    await store.appendToStream(`insurance-b${s}`, batch, { expectedRevision: 'no_stream' });
  }
  const historySeconds = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`history: ${total} events appended through the store in ${historySeconds.toFixed(1)} s`);

  const writer = new AuditLogWriter(store, log, { signer, checkpointEvery: 10_000, checkpointSeconds: 3600 });
  t = process.hrtime.bigint();
  await writer.catchUp();
  await log.checkpoint(signer);
  const writeSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`log writer: ${(total / writeSeconds).toFixed(0)} events/s taken into the tree (${writeSeconds.toFixed(2)} s)`);

  // `audit verify` beside its floor, SHA-256 over the same canonical bytes: plainly (pages of
  // 5,000, one after the other) and with the next page read while this one is hashed, as verify
  // reads. The three alternate for `--rounds` rounds (default 3) on a shared machine; the medians
  // are reported, and each round's ratios from runs back to back.
  const key = parseVerifierKey(signer.verifierKey);
  const rounds = Number(argValue('rounds') ?? 3);
  const runs: { verify: number; sha256: number; sha256ReadAhead: number; load: number[] }[] = [];
  for (let r = 0; r < rounds; r++) {
    t = process.hrtime.bigint();
    const verdict = await verifyAudit({ store, log, key });
    const verifySeconds = Number(process.hrtime.bigint() - t) / 1e9;
    if (verdict.outcome !== 'verified') throw new Error(verdict.message);
    const run = { verify: total / verifySeconds, sha256: await hashEverything(store, 5000, false), sha256ReadAhead: await hashEverything(store, 20_000, true), load: load() };
    runs.push(run);
    console.log(
      `round ${r + 1}: audit verify ${run.verify.toFixed(0)} events/s (${verifySeconds.toFixed(2)} s); read + SHA-256 ${run.sha256.toFixed(0)} events/s ` +
        `(ratio ${(run.verify / run.sha256).toFixed(2)}), reading one page ahead ${run.sha256ReadAhead.toFixed(0)} (ratio ${(run.verify / run.sha256ReadAhead).toFixed(2)}); load ${run.load.join(', ')}`,
    );
  }
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  const verifyRate = median(runs.map((r) => r.verify));
  const plainSha = median(runs.map((r) => r.sha256));
  const aheadSha = median(runs.map((r) => r.sha256ReadAhead));
  console.log(
    `audit verify: ${verifyRate.toFixed(0)} events/s; read + SHA-256 of the same bytes: ${plainSha.toFixed(0)} events/s, ratio ${(verifyRate / plainSha).toFixed(2)}; ` +
      `reading one page ahead: ${aheadSha.toFixed(0)} events/s, ratio ${(verifyRate / aheadSha).toFixed(2)} (medians of ${rounds})`,
  );

  const { size } = await log.state();
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const leaf = Math.floor(Math.random() * size);
    const start = process.hrtime.bigint();
    await log.inclusion(leaf, size);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`inclusion proof (tree of ${size}): p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`);

  const bundle = await exportBundle({ store, log, workerId: 'bench', streams: ['worker-bench'], exportedAt: new Date().toISOString() });
  t = process.hrtime.bigint();
  const checked = verifyBundle(JSON.parse(JSON.stringify(bundle)), key);
  const bundleMs = Number(process.hrtime.bigint() - t) / 1e6;
  if (!checked.ok) throw new Error(checked.message);
  console.log(`bundle of ${checked.events} events verified offline in ${bundleMs.toFixed(1)} ms`);

  const asOf = await asOfReads(store);
  const ended = load();
  console.log(`load average at the end: ${ended.join(', ')}`);

  await store.close();
  await db.stop();
  if (out) {
    const result = {
      bench: 'audit',
      date: started.date,
      machine: { ...machine(), model: cpus()[0]?.model ?? 'unknown' },
      loadAverage: { start: started.load, end: ended },
      events: total,
      historyAppendSeconds: round(historySeconds, 1),
      writerEventsPerSecond: Math.round(total / writeSeconds),
      verify: {
        rounds,
        eventsPerSecond: Math.round(verifyRate),
        sha256EventsPerSecond: Math.round(plainSha),
        ratio: round(verifyRate / plainSha),
        sha256ReadAheadEventsPerSecond: Math.round(aheadSha),
        ratioReadAhead: round(verifyRate / aheadSha),
        runs: runs.map((r) => ({
          verify: Math.round(r.verify),
          sha256: Math.round(r.sha256),
          sha256ReadAhead: Math.round(r.sha256ReadAhead),
          ratio: round(r.verify / r.sha256),
          ratioReadAhead: round(r.verify / r.sha256ReadAhead),
          loadAverage: r.load,
        })),
      },
      inclusionProofMs: { treeSize: size, p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) },
      bundle: { events: checked.events, verifyMs: round(bundleMs, 1) },
      asOf,
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${out}`);
  }
}

/** Reads every event in the global order and hashes its canonical bytes with SHA-256; events/s. */
async function hashEverything(store: PostgresEventStore, pageSize: number, readAhead: boolean): Promise<number> {
  const t = process.hrtime.bigint();
  let hashed = 0;
  let next = store.readAll({ after: 0, maxCount: pageSize });
  for (;;) {
    const page = await next;
    if (page.length === 0) break;
    const after = page[page.length - 1]!.globalPosition;
    if (readAhead) next = store.readAll({ after, maxCount: pageSize });
    for (const e of page) {
      createHash('sha256').update(canonicalContent(e)).digest();
      hashed++;
    }
    if (!readAhead) next = store.readAll({ after, maxCount: pageSize });
  }
  return hashed / (Number(process.hrtime.bigint() - t) / 1e9);
}

/**
 * The worker summary (GET /v1/workers/{id}/summary) as of a date and as known at an instant, for
 * a worker with 200 events (contributions over ten years, one in five reported late, in 10
 * appends), without snapshots and with them (every 50 revisions, written by a first pass).
 */
async function asOfReads(store: PostgresEventStore) {
  const workerId = 'w-asof';
  for (let batch = 0; batch < 10; batch++) {
    const events = Array.from({ length: 20 }, (_, i) => {
      const n = batch * 20 + i;
      // Reported in order over ten years, one in five late by two months (effective before the last ones).
      const effectiveOn = addDays('2016-01-01', n * 18 - (n % 5 === 0 ? 60 : 0));
      return {
        eventId: randomUUID(),
        type: 'ContributionsRecorded',
        data: { workerId, scheme: n % 3 === 0 ? 'employee-medical' : 'employee-pension', region: '510400', months: [effectiveOn.slice(0, 7)], baseFen: 300_000 + n },
        metadata: { actor, effectiveOn },
      };
    });
    await store.appendToStream(`insurance-${workerId}`, events, { expectedRevision: 'any' });
  }
  const recorded = (await store.readStream(`insurance-${workerId}`)).map((e) => e.recordedAt);
  const auditor = { id: 'bench', department: 'audit', principal: 'bench', scopes: ALL_CATEGORIES.map(readScope) };
  const children = { childrenOf: async () => [] } as unknown as ChildLinks;
  // The same 200 points for both: a date across the ten years, and half of them known at one of the appends.
  const points: Clocks[] = Array.from({ length: 200 }, (_, i) => ({
    asOf: addDays('2016-01-01', (i * 53) % 3650),
    ...(i % 2 ? { knownAtMicros: instantMicros(recorded[(i * 7) % recorded.length]!)! } : {}),
  }));
  const run = async (service: WorkerSummaryService) => {
    const times: number[] = [];
    for (const clocks of points) {
      const start = process.hrtime.bigint();
      await service.summarise(workerId, clocks, auditor);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return times.sort((a, b) => a - b);
  };
  const snapshots = new SummarySnapshots(store.pool);
  const plain = await run(new WorkerSummaryService(store, children));
  await run(new WorkerSummaryService(store, children, snapshots)); // writes the snapshots
  const snapshotted = await run(new WorkerSummaryService(store, children, snapshots));
  const line = (times: number[]) => `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`;
  const count = await snapshots.count();
  console.log(`summary as of a date, 200 events, ${points.length} points: without snapshots ${line(plain)}; with ${count} snapshots ${line(snapshotted)}`);
  const ms = (times: number[]) => ({ p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) });
  return { workerEvents: 200, points: points.length, withoutSnapshotsMs: ms(plain), withSnapshotsMs: { snapshots: count, ...ms(snapshotted) } };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
