import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { PostgresEventStore } from './postgres-event-store';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const WARM_UP = 1_000;
const MEASURED = 4_000;

/**
 * Issue 16: the heap grew about 360 bytes per command, because the subscription raced each wait
 * against a promise that settled only at shutdown. A live subscription wakes once per append
 * here, as it does per command under `npm start`; the live heap after a forced GC stays flat.
 */
describe('live heap of a subscription across appends (issue 16)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('heap');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it(`stays within 512 KiB across ${MEASURED.toLocaleString('en')} appends, each delivered`, async () => {
    const subscription = store.subscribeToAll({ after: 0, batchSize: 100 });
    let delivered = 0;
    const consuming = (async () => {
      for await (const _event of subscription) delivered++;
    })();
    const append = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await store.appendToStream(
          `heap-${i % 50}-${randomUUID()}`,
          [{ eventId: randomUUID(), type: 'Ticked', data: { i }, metadata: { actor: { department: 'office', principal: 'heap' } } }],
          { expectedRevision: 'no_stream' },
        );
      }
    };
    const until = async (count: number) => {
      while (delivered < count) await new Promise((r) => setTimeout(r, 10));
    };

    await append(WARM_UP);
    await until(WARM_UP);
    const before = liveHeap();
    await append(MEASURED);
    await until(WARM_UP + MEASURED);
    const grown = liveHeap() - before;
    await subscription.close();
    await consuming;

    console.log(`subscription heap: ${(grown / 1024).toFixed(0)} KiB over ${MEASURED} appends (${(grown / MEASURED).toFixed(0)} B each)`);
    expect(delivered).toBe(WARM_UP + MEASURED);
    expect(grown).toBeLessThan(512 * 1024);
  }, 120_000);
});
