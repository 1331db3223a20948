import { randomUUID } from 'node:crypto';
import { InvalidAppend, PostgresEventStore } from '@ledger/event-store';
import { ERASED, generatePrivacyKeys, PrivateEventStore, RESTRICTED } from '@ledger/privacy';
import { generateHistory } from '../../../../../libs/read-models/testing/generate';
import { createTestDatabase, TestDatabase } from '../../../../../test/support/test-database';
import { readScope } from '../../security/scopes';
import { ALL_CATEGORIES, type ReadCredential } from './access';
import type { ChildLinks } from './child-links';
import { SummaryFoldCache } from './summary-fold-cache';
import { WorkerSummaryService } from './worker-summary.service';

const all = ALL_CATEGORIES.map(readScope);
/** Sees every section, personal fields masked. */
const auditor: ReadCredential = { id: 'audit-test', department: 'audit', principal: 'audit-test', scopes: all };
/** Sees every section, personal fields in clear. */
const police: ReadCredential = { id: 'ps-test', department: 'public-security', principal: 'ps-test', scopes: all };
const actor = { department: 'hrss', principal: 'cache-test' };

/** A child's stream per worker, as generateHistory names them (the education read model is not built here). */
const children = { childrenOf: async (workerId: string) => [`c-${workerId}`] } as unknown as ChildLinks;

const WORKERS = 40;

describe('the worker summary’s fold cache (docs/read-path.md)', () => {
  let db: TestDatabase;
  let raw: PostgresEventStore;
  let store: PrivateEventStore;
  let workers: string[];

  beforeAll(async () => {
    db = await createTestDatabase('foldcache');
    raw = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    store = await PrivateEventStore.open(raw, generatePrivacyKeys(['m1']));
    await generateHistory(store, { workers: WORKERS, seed: 31, concurrency: 2 });
    const { rows } = await raw.pool.query<{ id: string }>(
      `SELECT substr(stream_name, 8) AS id FROM event_store.streams WHERE stream_name LIKE 'worker-%' ORDER BY stream_name`,
    );
    workers = rows.map((r) => r.id);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  /** Each worker's summary under both credentials, cached and folded in full, compared whole (body, ETag, found). */
  async function compareAll(cached: WorkerSummaryService, plain: WorkerSummaryService, ids: string[]): Promise<number> {
    let compared = 0;
    for (const workerId of ids) {
      for (const credential of [auditor, police]) {
        const got = await cached.summarise(workerId, {}, credential);
        const want = await plain.summarise(workerId, {}, credential);
        expect({ workerId, department: credential.department, ...got }).toEqual({ workerId, department: credential.department, ...want });
        compared++;
      }
    }
    return compared;
  }

  it('answers as the full fold does for every worker of a generated history, cold and warm, then reads only the appended tails', async () => {
    expect(workers).toHaveLength(WORKERS);
    const cache = SummaryFoldCache.over(store)!;
    const cached = new WorkerSummaryService(store, children, undefined, cache);
    const plain = new WorkerSummaryService(store, children);

    expect(await compareAll(cached, plain, workers)).toBe(WORKERS * 2);
    const { rows } = await raw.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM event_store.events WHERE stream_name = ANY($1)`,
      [workers.flatMap((w) => ['worker', 'residence-permit', 'points', 'insurance', 'employment', 'housing'].map((c) => `${c}-${w}`).concat(`schooling-c-${w}`))],
    );
    const total = Number(rows[0]!.n);
    // Cold: each event once (the second credential's answer found them kept).
    expect(cache.eventsRead).toBe(total);
    expect(cache.size).toEqual({ streams: WORKERS * 7, events: expect.any(Number) });

    // Warm: nothing new, nothing read.
    expect(await compareAll(cached, plain, workers)).toBe(WORKERS * 2);
    expect(cache.eventsRead).toBe(total);

    // New events on a third of the workers: clear ones (contributions) and personal ones (a new phone).
    const changed = workers.filter((_, i) => i % 3 === 0);
    let appended = 0;
    for (const [n, workerId] of changed.entries()) {
      await store.appendToStream(
        `insurance-${workerId}`,
        [0, 1, 2].map((k) => ({
          eventId: randomUUID(),
          type: 'ContributionsRecorded',
          data: { workerId, scheme: 'employee-pension', region: '510400', months: [`2026-0${k + 1}`], baseFen: 400_000 + n },
          metadata: { actor, effectiveOn: `2026-0${k + 1}-28` },
        })),
        { expectedRevision: 'any' },
      );
      await store.appendToStream(
        `worker-${workerId}`,
        [{ eventId: randomUUID(), type: 'ContactDetailsChanged', data: { workerId, phone: `1390000${String(n).padStart(4, '0')}`, changedOn: '2026-11-20' }, metadata: { actor } }],
        { expectedRevision: 'any' },
      );
      appended += 4;
    }
    expect(await compareAll(cached, plain, workers)).toBe(WORKERS * 2);
    expect(cache.eventsRead).toBe(total + appended);
    const sample = await cached.summarise(changed[1]!, {}, police);
    expect((sample.body.worker as { phone: string }).phone).toBe('13900000001');
  }, 120_000);

  it('sees a stream another process appended to behind its back', async () => {
    const workerId = workers[1]!;
    const cache = SummaryFoldCache.over(store)!;
    const cached = new WorkerSummaryService(store, children, undefined, cache);
    const plain = new WorkerSummaryService(store, children);
    const before = await cached.summarise(workerId, {}, auditor);

    // Another process: its own connection pool, its own store object; this cache is not told.
    const other = await PostgresEventStore.connect(db.url, { poolSize: 1 });
    try {
      await other.appendToStream(
        `insurance-${workerId}`,
        [{ eventId: randomUUID(), type: 'ContributionsRecorded', data: { workerId, scheme: 'employee-medical', region: '510400', months: ['2026-10'], baseFen: 512_345 }, metadata: { actor } }],
        { expectedRevision: 'any' },
      );
    } finally {
      await other.close();
    }
    const after = await cached.summarise(workerId, {}, auditor);
    expect(after).toEqual(await plain.summarise(workerId, {}, auditor));
    const revision = (s: typeof before) => (s.body.insurance as { revision: number }).revision;
    expect(revision(after)).toBe(revision(before) + 1);
    expect(after.etag).not.toBe(before.etag);
  });

  it('re-reads a stream whose head is below the revision it kept (a store restored from an older backup)', async () => {
    // The backup: the same generated insurance streams, without what was appended since.
    const older = await createTestDatabase('foldcache_restored');
    const restored = await PostgresEventStore.connect(older.url, { poolSize: 2 });
    try {
      await generateHistory(restored, { workers: 3, seed: 31, categories: ['insurance'] });
      const { rows } = await restored.pool.query<{ stream_name: string; revision: string }>(`SELECT stream_name, revision FROM event_store.streams ORDER BY stream_name LIMIT 1`);
      const workerId = rows[0]!.stream_name.slice('insurance-'.length);
      const backedUp = Number(rows[0]!.revision);
      await store.appendToStream(
        `insurance-${workerId}`,
        [1, 2].map((k) => ({ eventId: randomUUID(), type: 'ContributionsRecorded', data: { workerId, scheme: 'employee-medical', region: '510400', months: [`2026-1${k}`], baseFen: 600_000 }, metadata: { actor } })),
        { expectedRevision: 'any' },
      );
      const cache = SummaryFoldCache.over(store)!;
      const live = await new WorkerSummaryService(store, children, undefined, cache).summarise(workerId, {}, auditor);
      expect((live.body.insurance as { revision: number }).revision).toBeGreaterThanOrEqual(backedUp + 2);

      // The same process, its database now the restored one: the kept folds are ahead of every head there.
      Object.defineProperty(cache, 'pool', { value: restored.pool });
      const after = await new WorkerSummaryService(restored, children, undefined, cache).summarise(workerId, {}, auditor);
      const want = await new WorkerSummaryService(restored, children).summarise(workerId, {}, auditor);
      expect(after).toEqual(want);
      expect((after.body.insurance as { revision: number }).revision).toBe(backedUp);
    } finally {
      await restored.close();
      await older.drop();
    }
  }, 60_000);

  it('shows a restriction and an erasure at once, and keeps no personal field in clear', async () => {
    const [restricted, erased] = [workers[4]!, workers[5]!];
    const cache = SummaryFoldCache.over(store)!;
    const cached = new WorkerSummaryService(store, children, undefined, cache);
    const plain = new WorkerSummaryService(store, children);
    const name = async (workerId: string) => (await cached.summarise(workerId, {}, police)).body.worker as { name: string; idNumber: string; phone: string };
    const clear = { [restricted]: await name(restricted), [erased]: await name(erased) };
    for (const person of Object.values(clear)) expect(person.name).toMatch(/^[^[*]+$/);

    // Nothing the cache holds carries a name, 身份证号 or phone it has answered with.
    const held = JSON.stringify([...(cache['entries'] as Map<string, unknown>).values()]);
    for (const person of Object.values(clear)) for (const value of [person.name, person.idNumber, person.phone]) expect(held).not.toContain(value);

    await store.restrict(restricted, 'dpo');
    expect(await name(restricted)).toMatchObject({ name: RESTRICTED, idNumber: RESTRICTED, phone: RESTRICTED });
    await store.erase(erased, 'dpo');
    expect(await name(erased)).toMatchObject({ name: ERASED, idNumber: ERASED, phone: ERASED });
    for (const workerId of [restricted, erased]) {
      expect(await cached.summarise(workerId, {}, police)).toEqual(await plain.summarise(workerId, {}, police));
    }
  });

  it('refuses a worker id no stream name can hold as the full fold does (400 validation-failed)', async () => {
    const cache = SummaryFoldCache.over(store)!;
    for (const service of [new WorkerSummaryService(store, children, undefined, cache), new WorkerSummaryService(store, children)]) {
      await expect(service.summarise('张 三', {}, auditor)).rejects.toThrow(InvalidAppend);
      await expect(service.summarise('张 三', {}, auditor)).rejects.toThrow('printable ASCII without spaces, starting with a letter or digit');
    }
    expect(cache.size).toEqual({ streams: 0, events: 0 });
  });

  it('stays within its bound, least recently used streams going first', async () => {
    const cache = SummaryFoldCache.over(store, 60)!;
    const cached = new WorkerSummaryService(store, children, undefined, cache);
    const plain = new WorkerSummaryService(store, children);
    for (const workerId of workers.slice(10, 20)) {
      expect(await cached.summarise(workerId, {}, auditor)).toEqual(await plain.summarise(workerId, {}, auditor));
      expect(cache.size.events).toBeLessThanOrEqual(60);
    }
    const last = workers[19]!;
    const read = cache.eventsRead;
    await cached.summarise(last, {}, auditor);
    const streamsOfLast = [...(cache['entries'] as Map<string, unknown>).keys()].filter((s) => s.endsWith(`-${last}`));
    expect(streamsOfLast.length).toBeGreaterThan(0);
    // The first worker's streams were evicted: its answer reads them again, and is still the full fold's.
    const first = workers[10]!;
    expect([...(cache['entries'] as Map<string, unknown>).keys()].filter((s) => s.endsWith(`-${first}`))).toEqual([]);
    expect(await cached.summarise(first, {}, auditor)).toEqual(await plain.summarise(first, {}, auditor));
    expect(cache.eventsRead).toBeGreaterThan(read);
  });
});
