import type { Pool } from 'pg';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import type { ProcessManager } from './process-manager';
import { decision, expectReplayAppendsNothing, given, outcomes, runToIdle } from './spec-support';
import { vaccinationFileProcessManager } from './vaccination-file';

const shaoxing = new PolicyView(loadPack('shaoxing'));
const fengdu = new PolicyView(loadPack('fengdu'));

const child = (childId: string, birthDate: string, registeredOn: string) => ({
  type: 'ChildRegistered',
  data: { childId, birthDate, parentWorkerIds: ['w1'], disability: 'none', registeredOn },
});

async function dueRows(pool: Pool, schema = 'pm_vaccination_file') {
  return (await pool.query(`SELECT child_id, due_on::text FROM ${schema}.due ORDER BY child_id`)).rows;
}

describe('vaccination-file process manager: due dates and the daily tick', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let policy = shaoxing;
  const pm = (): ProcessManager => vaccinationFileProcessManager({ store, policy, today: () => '2099-01-01' });

  beforeEach(async () => {
    db = await createTestDatabase('pm_vacc');
    store = await PostgresEventStore.connect(db.url, { poolSize: 20 });
    policy = shaoxing;
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('[shaoxing] health.vaccination.card: due 2024-04-10, 3 months (以上) from arrival on 2024-01-10; the tick of 2024-04-09 opens nothing, that of 2024-04-10 the card', async () => {
    await given(store, 'residence-permit-w1', [
      {
        type: 'ResidenceRegistered',
        data: { workerId: 'w1', address: { line: '越城区' }, arrivalOn: '2024-01-10', registeredOn: '2024-01-12' },
      },
    ]);
    const [registered] = await given(store, 'schooling-c1', [child('c1', '2021-06-01', '2024-02-01')]);
    const manager = pm();
    await runToIdle(store, store.pool, manager);
    expect(await dueRows(store.pool)).toEqual([{ child_id: 'c1', due_on: '2024-04-10' }]);

    expect(await manager.tick!(store.pool, '2024-04-09')).toEqual([]);
    const [opened] = await manager.tick!(store.pool, '2024-04-10');
    expect(opened).toMatchObject({
      outcome: 'appended',
      commandType: 'OpenVaccinationRecord',
      causationId: registered!.eventId,
    });
    const c1 = await store.readStream('schooling-c1');
    expect(c1.map((e) => e.type)).toEqual(['ChildRegistered', 'VaccinationRecordOpened']);
    expect(c1[1]).toMatchObject({
      data: {
        recordKind: 'card',
        openedOn: '2024-04-10',
        decision: { rules: [expect.objectContaining({ ruleId: 'health.vaccination.card' })] },
      },
      metadata: { causationId: registered!.eventId },
    });
    await runToIdle(store, store.pool, manager);
    expect(await dueRows(store.pool)).toEqual([]);
    expect(await manager.tick!(store.pool, '2024-04-11')).toEqual([]);

    // Run twice over the same history: the record is on the stream, so nothing falls due again.
    await expectReplayAppendsNothing(store, pm, ['schooling-c1'], async (replay, schema) => {
      expect(await dueRows(store.pool, schema)).toEqual([]);
      expect(await replay.tick!(store.pool, '2024-12-31', schema)).toEqual([]);
    });
  });

  it('[shaoxing] a tick retried after it appended and died before its commit opens the card once', async () => {
    await given(store, 'residence-permit-w1', [
      {
        type: 'ResidenceRegistered',
        data: { workerId: 'w1', address: { line: '越城区' }, arrivalOn: '2024-01-10', registeredOn: '2024-01-12' },
      },
    ]);
    await given(store, 'schooling-c1', [child('c1', '2021-06-01', '2024-02-01')]);
    const manager = pm();
    await runToIdle(store, store.pool, manager);
    // The first tick's transaction is lost after its append: the due row and outcome come back.
    const failing = { ...store.pool, connect: store.pool.connect.bind(store.pool) } as Pool;
    const realConnect = store.pool.connect.bind(store.pool);
    failing.connect = (async () => {
      const client = await realConnect();
      const query = client.query.bind(client);
      const patched = client as unknown as { query: unknown };
      patched.query = async (sql: unknown, ...rest: unknown[]) => {
        if (sql !== 'COMMIT') return (query as (...a: unknown[]) => unknown)(sql, ...rest);
        patched.query = query; // the pool gets back a working connection
        await query('ROLLBACK');
        throw new Error('connection lost before COMMIT');
      };
      return client;
    }) as Pool['connect'];
    await expect(manager.tick!(failing, '2024-04-10')).rejects.toThrow('connection lost before COMMIT');
    expect((await store.readStream('schooling-c1')).map((e) => e.type)).toEqual([
      'ChildRegistered',
      'VaccinationRecordOpened',
    ]);
    expect(await dueRows(store.pool)).toEqual([{ child_id: 'c1', due_on: '2024-04-10' }]);

    const [retried] = await manager.tick!(store.pool, '2024-04-10');
    expect(retried).toMatchObject({ outcome: 'replayed' });
    expect((await store.readStream('schooling-c1')).map((e) => e.type)).toEqual([
      'ChildRegistered',
      'VaccinationRecordOpened',
    ]);
  });

  it('[fengdu] health.vaccination.file: a buyer’s child of 3 is due on registration (2023-06-01), a child of 8 never', async () => {
    policy = fengdu;
    await given(store, 'housing-w1', [
      {
        type: 'HomePurchased',
        data: {
          purchaseId: 'p1',
          purchasedOn: '2023-03-01',
          homeKind: 'commercial',
          taxRelief: null,
          decision: decision(),
        },
      },
    ]);
    await given(store, 'schooling-c1', [child('c1', '2020-01-01', '2023-06-01')]);
    await given(store, 'schooling-c2', [child('c2', '2015-01-01', '2023-06-01')]);
    const manager = pm();
    await runToIdle(store, store.pool, manager);
    expect(await dueRows(store.pool)).toEqual([{ child_id: 'c1', due_on: '2023-06-01' }]);
    const ticked = await manager.tick!(store.pool, '2023-06-02');
    expect(ticked.map((o) => o.outcome)).toEqual(['appended']);
    expect((await store.readStream('schooling-c1'))[1]).toMatchObject({
      type: 'VaccinationRecordOpened',
      data: { recordKind: 'file', openedOn: '2023-06-01' },
    });
    expect((await outcomes(store.pool, 'vaccination-file')).map((o) => o.target_stream)).toEqual(['schooling-c1']);
    await runToIdle(store, store.pool, manager);
    await expectReplayAppendsNothing(store, pm, ['schooling-c1', 'schooling-c2']);
  });
});
