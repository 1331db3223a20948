import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { buyerPriorityProcessManager } from './buyer-priority';
import { decision, expectReplayAppendsNothing, given, outcomes, runToIdle } from './spec-support';

const fengdu = new PolicyView(loadPack('fengdu'));
const shaoxing = new PolicyView(loadPack('shaoxing'));

const child = (childId: string, registeredOn: string) => ({
  type: 'ChildRegistered',
  data: { childId, birthDate: '2018-04-01', parentWorkerIds: ['w1', 'w2'], disability: 'none', registeredOn },
});
const purchase = {
  type: 'HomePurchased',
  data: { purchaseId: 'p1', purchasedOn: '2023-03-01', homeKind: 'commercial', taxRelief: null, decision: decision() },
};
const settled = {
  type: 'WorkerSettled',
  data: {
    workerId: 'w1',
    settledOn: '2023-05-10',
    settleAt: '丰都县三合街道',
    previousHukouPlace: { areaCode: '500230', address: '某村' },
    conditions: [],
    landRightsKept: [],
    decision: decision('settlement.open'),
  },
};

describe('buyer-priority process manager [fengdu] (school.priority.settled-buyer, fengdu-2017-29 §四)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let policy = fengdu;
  const pm = () => buyerPriorityProcessManager({ store, policy, today: () => '2023-06-01' });

  beforeEach(async () => {
    db = await createTestDatabase('pm_buyer');
    store = await PostgresEventStore.connect(db.url, { poolSize: 20 });
    policy = fengdu;
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('records the refusal while the hukou has not moved, grants the priority from 2023-05-10 when it does, and to a child registered later', async () => {
    // The projector follows the store live: each fact is reacted to before the next is recorded.
    await given(store, 'schooling-c1', [child('c1', '2022-09-01')]);
    const [bought] = await given(store, 'housing-w1', [purchase]);
    await runToIdle(store, store.pool, pm());
    expect((await store.readStream('schooling-c1')).map((e) => e.type)).toEqual(['ChildRegistered']);
    const [moved] = await given(store, 'worker-w1', [settled]);
    await runToIdle(store, store.pool, pm());
    const [registered] = await given(store, 'schooling-c2', [child('c2', '2023-08-01')]);
    await runToIdle(store, store.pool, pm());

    const c1 = await store.readStream('schooling-c1');
    expect(c1.map((e) => e.type)).toEqual(['ChildRegistered', 'SettledBuyerPriorityGranted']);
    expect(c1[1]).toMatchObject({
      data: { parentWorkerId: 'w1', purchaseId: 'p1', grantedFrom: '2023-05-10', hukouMovedOn: '2023-05-10' },
      metadata: { causationId: moved!.eventId, effectiveOn: '2023-05-10' },
    });
    const c2 = await store.readStream('schooling-c2');
    expect(c2.map((e) => e.type)).toEqual(['ChildRegistered', 'SettledBuyerPriorityGranted']);
    expect(c2[1]!.metadata.causationId).toBe(registered!.eventId);
    const recorded = await outcomes(store.pool, 'buyer-priority');
    // A refusal of a follow-up is an outcome, not a poison event: nothing is parked.
    expect(recorded.find((o) => o.idempotency_key === `buyer-priority:${bought!.eventId}:schooling-c1`)).toMatchObject({
      outcome: 'refused',
      detail: { ruleId: 'school.priority.settled-buyer', code: 'HUKOU_NOT_MOVED' },
    });
    expect((await store.pool.query('SELECT count(*)::int AS n FROM projector.dead_letters')).rows[0].n).toBe(0);

    await expectReplayAppendsNothing(store, pm, ['schooling-c1', 'schooling-c2']);
  });

  it('sends nothing where the pack has no settled-buyer priority (shaoxing)', async () => {
    policy = shaoxing;
    await given(store, 'schooling-c1', [child('c1', '2022-09-01')]);
    await given(store, 'housing-w1', [purchase]);
    await given(store, 'worker-w1', [settled]);
    await runToIdle(store, store.pool, pm());
    expect((await store.readStream('schooling-c1')).map((e) => e.type)).toEqual(['ChildRegistered']);
    expect(await outcomes(store.pool, 'buyer-priority')).toEqual([]);
  });
});
