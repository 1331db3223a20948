import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresEventStore, type RecordedEvent } from '@ledger/event-store';
import { addDays } from '@ledger/kernel';
import { generateHistory } from '../../../../../libs/read-models/testing/generate';
import { createTestDatabase, TestDatabase } from '../../../../../test/support/test-database';
import { readScope } from '../../security/scopes';
import { ALL_CATEGORIES } from './access';
import type { ChildLinks } from './child-links';
import { Clocks, instantMicros } from './clocks';
import { SummarySnapshots } from './summary-snapshots';
import { WorkerSummaryService } from './worker-summary.service';

const auditor = { id: 'audit-test', department: 'audit', principal: 'audit-test', scopes: ALL_CATEGORIES.map(readScope) };
const actor = { department: 'hrss', principal: 'snapshot-test' };

/** A child's stream per worker, as generateHistory names them (the education read model is not built here). */
const children = { childrenOf: async (workerId: string) => [`c-${workerId}`] } as unknown as ChildLinks;

/** Counts the folds that started from a snapshot. */
class CountingSnapshots extends SummarySnapshots {
  used = 0;
  override async bestOf<S>(...args: Parameters<SummarySnapshots['bestOf']>) {
    const found = await super.bestOf<S>(...args);
    for (const f of found.values()) if (f && 'revision' in f) this.used++;
    return found;
  }
}

describe('the worker summary’s as-of snapshots (docs/audit.md, as-of at scale)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let workers: string[];

  beforeAll(async () => {
    db = await createTestDatabase('snapshots');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    await generateHistory(store, { workers: 10, seed: 23, concurrency: 2 });
    // One long history: 200 yearly-report corrections and late reports, effective out of order, appended over several transactions.
    for (let batch = 0; batch < 10; batch++) {
      const events = Array.from({ length: 20 }, (_, i) => {
        const n = batch * 20 + i;
        const effectiveOn = addDays('2016-01-01', (n * 37) % 3600);
        return {
          eventId: randomUUID(),
          type: 'ContributionsRecorded',
          data: { workerId: 'w-long', scheme: n % 3 === 0 ? 'employee-medical' : 'employee-pension', region: '510400', months: [effectiveOn.slice(0, 7)], baseFen: 300_000 + n },
          metadata: { actor, effectiveOn },
        };
      });
      await store.appendToStream('insurance-w-long', events, { expectedRevision: 'any' });
    }
    const all = await store.readAll({ maxCount: 100_000 });
    workers = [...new Set(all.filter((e) => e.streamName.startsWith('worker-')).map((e) => e.streamName.slice('worker-'.length)))].slice(0, 2);
    workers.push('w-long');
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  /** asOf dates across the history, knownAt instants between the worker's own appends, and neither. */
  async function pointsFor(workerId: string): Promise<Clocks[]> {
    const streams = ['worker', 'residence-permit', 'insurance', 'points', 'housing', 'employment'].map((c) => `${c}-${workerId}`);
    const events: RecordedEvent[] = (await Promise.all(streams.map((s) => store.readStream(s)))).flat();
    const recorded = [...new Set(events.map((e) => instantMicros(e.recordedAt)!))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const knownAts: (bigint | undefined)[] = [undefined, recorded[0]! - 1n, recorded[Math.floor(recorded.length / 2)]!];
    const asOfs: (string | undefined)[] = [undefined, '2017-06-30', '2019-03-01', '2021-06-30', '2023-01-01', '2025-08-01'];
    return asOfs.flatMap((asOf) => knownAts.map((knownAtMicros) => ({ ...(asOf ? { asOf } : {}), ...(knownAtMicros !== undefined ? { knownAtMicros } : {}) })));
  }

  it('never changes an answer: with and without snapshots, at every asOf and knownAt, alike', async () => {
    const plain = new WorkerSummaryService(store, children);
    const snapshots = new CountingSnapshots(store.pool, 4);
    const snapshotted = new WorkerSummaryService(store, children, snapshots);
    const expected = new Map<string, Awaited<ReturnType<WorkerSummaryService['summarise']>>>();
    const label = (workerId: string, clocks: Clocks) => `${workerId} asOf=${clocks.asOf} knownAt=${clocks.knownAtMicros}`;
    for (const workerId of workers) {
      for (const clocks of await pointsFor(workerId)) expected.set(label(workerId, clocks), await plain.summarise(workerId, clocks, auditor));
    }
    let compared = 0;
    // Each worker's first point (neither clock) writes the snapshots its read passes; the later points answer from them.
    for (const workerId of workers) {
      for (const clocks of await pointsFor(workerId)) {
        const actual = await snapshotted.summarise(workerId, clocks, auditor);
        const want = expected.get(label(workerId, clocks))!;
        expect({ at: label(workerId, clocks), body: actual.body, etag: actual.etag }).toEqual({ at: label(workerId, clocks), body: want.body, etag: want.etag });
        compared++;
      }
    }
    expect(compared).toBe(workers.length * 18);
    // 200 events every 4th revision: 50 snapshots of the long stream alone; the worker's and the permit's streams (personal fields) none.
    const { rows } = await store.pool.query<{ stream_name: string; n: string }>('SELECT stream_name, count(*) AS n FROM summary_snapshots.folds GROUP BY stream_name');
    const kept = new Map(rows.map((r) => [r.stream_name, Number(r.n)]));
    expect(kept.get('insurance-w-long')).toBe(50);
    expect([...kept.keys()].filter((s) => s.startsWith('worker-') || s.startsWith('residence-permit-'))).toEqual([]);
    expect(snapshots.used).toBeGreaterThan(15);
  }, 120_000);

  it('answers without them, saying so once, when they cannot be read or kept', async () => {
    const denied = { connect: async () => Promise.reject(new Error('permission denied for database ledger')) } as unknown as Pool;
    const warnings: string[] = [];
    const service = new WorkerSummaryService(store, children, new SummarySnapshots(denied, 4, (m) => warnings.push(m)));
    const plain = new WorkerSummaryService(store, children);
    for (const clocks of [{}, { asOf: '2019-03-01' }]) {
      expect((await service.summarise('w-long', clocks, auditor)).body).toEqual((await plain.summarise('w-long', clocks, auditor)).body);
    }
    expect(warnings).toEqual(['summary snapshots unavailable, folding from the start: permission denied for database ledger']);
  });
});
