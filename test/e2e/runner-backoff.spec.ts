import { PostgresEventStore } from '@ledger/event-store';
import { ensureProjectorSchema, ProjectionRunner, retryDelayMs } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { tcpRelay } from '../support/tcp-relay';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 14 item 2: during a database outage a runner backs off (0.5 s, 1 s, 2 s … up to 10 s)
// instead of retrying, and logging, twice a second.
describe('a projection runner during a database outage', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('backoff');
  });
  afterAll(() => db.drop());

  it('waits 0.5 s, then twice as long each time, up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayMs(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 10000, 10000, 10000,
    ]);
  });

  it('logs at most four retries in the first 5 s of an outage, and none while it lasts beyond them', async () => {
    const relay = await tcpRelay(new URL(db.url));
    const store = await PostgresEventStore.connect(relay.url, { poolSize: 4 });
    await ensureProjectorSchema(store.pool);
    const lines: { at: number; line: string }[] = [];
    const runner = new ProjectionRunner(store, store.pool, DEPARTMENT_PROJECTIONS[0]!, {
      log: (line) => lines.push({ at: Date.now(), line }),
    });
    void runner.start().catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (runner.state !== 'active' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(runner.state).toBe('active');

    const cut = Date.now();
    relay.cut();
    await new Promise((r) => setTimeout(r, 5_000));
    const retries = lines.filter((l) => l.at >= cut && /connection or apply failed/.test(l.line));
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries.length).toBeLessThanOrEqual(4);
    expect(retries[0]!.line).toMatch(/\(attempt 1\), retrying in 0\.5 s/);

    await runner.stop();
    await store.close().catch(() => undefined);
  }, 30_000);
});
