import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { ProjectionRunner, rebuildProjection, type Projection } from '@ledger/projections';
import { createApp } from '../../apps/api/src/create-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

// Issue 14 item 4: a projection's rebuild progress on /metrics, per projection, as events
// processed against the target, while a blue/green rebuild is under way (the real runner,
// stopped part-way into `<name>__next` as the rebuild's build phase runs), and gone once it has swapped.

const counted: Projection = {
  name: 'rebuild_probe',
  version: 1,
  eventTypes: ['Ticked'],
  createTables: (schema) => `CREATE TABLE ${schema}.ticks (event_id uuid PRIMARY KEY)`,
  async apply(db, schema, event) {
    await db.query(`INSERT INTO ${schema}.ticks VALUES ($1)`, [event.eventId]);
  },
};

describe('/metrics: rebuild progress', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('rebuildmetrics');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    app = await createApp(
      {
        store,
        readPool: store.pool,
        execute: { store, policy: new PolicyView(loadPack('panzhihua')), today: () => '2026-11-24' },
        runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction: 'panzhihua' },
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await db?.drop();
  });

  const rebuildLines = async () =>
    (await (await fetch(`${base}/metrics`)).text()).split('\n').filter((l) => l.startsWith('ledger_projection_rebuild_'));

  it('shows events processed, the target and their ratio while a rebuild runs, and nothing once it has swapped', async () => {
    const positions: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await store.appendToStream(
        `tick-${i}`,
        [{ eventId: randomUUID(), type: 'Ticked', data: {}, metadata: { actor: { department: 'ops', principal: 'test' } } }],
        { expectedRevision: 'no_stream' },
      );
      positions.push(r.position);
    }
    // The live read model has applied all ten.
    const head = positions.at(-1)!;
    await new ProjectionRunner(store, store.pool, counted, { stopAt: async () => head }).start();
    expect(await rebuildLines()).toEqual([]);

    // A rebuild's build phase, stopped after four events (batches of two).
    await new ProjectionRunner(store, store.pool, counted, {
      target: { checkpoint: 'rebuild_probe__next', schema: 'rebuild_probe__next' },
      batchSize: 2,
      stopAt: async () => positions[3]!,
    }).start();
    expect(await rebuildLines()).toEqual([
      'ledger_projection_rebuild_events_processed{projection="rebuild_probe"} 4',
      'ledger_projection_rebuild_events_target{projection="rebuild_probe"} 10',
      'ledger_projection_rebuild_progress_ratio{projection="rebuild_probe"} 0.4',
    ]);

    // The whole rebuild, then the swap: no rebuild in progress.
    await rebuildProjection(store, store.pool, counted);
    expect(await rebuildLines()).toEqual([]);
  });
});
