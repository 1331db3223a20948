import { PostgresEventStore, type RecordedEvent } from '@ledger/event-store';
import { generatePrivacyKeys, PrivateEventStore } from '@ledger/privacy';
import { loadPack, PolicyView, type PolicyPack } from '@ledger/policy';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { buildHistory } from '../read-models/testing/history';
import { generateCommandSteps } from '../read-models/testing/command-history';
import { hasDecision, redecide, type Redecision } from './index';

const packs = new Map<string, PolicyView>();
const builtIn = (id: string) => {
  if (!packs.has(id)) packs.set(id, new PolicyView(loadPack(id)));
  return packs.get(id)!;
};
/** The shipped packs, by id and version, as the deployment's ledger loads them. */
const packAt = (id: string, version: string) => (builtIn(id).packVersion === version ? builtIn(id) : undefined);

/** A copy of `pack` with one rule's parameters changed in every version: a city that moved a threshold. */
function withParams(pack: PolicyPack, ruleId: string, params: Record<string, unknown>): PolicyPack {
  const rules = new Map(pack.rules);
  const rule = rules.get(ruleId)!;
  rules.set(ruleId, { ...rule, versions: rule.versions.map((v) => ({ ...v, params: { ...v.params, ...params } })) });
  return { ...pack, rules };
}

const TODAY = '2026-11-24';

describe('re-deciding past decisions (docs/audit.md, re-decide)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let decisions: RecordedEvent[];

  beforeAll(async () => {
    db = await createTestDatabase('redecide');
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    const steps = generateCommandSteps({ copies: 3, seed: 10 });
    await buildHistory(store, steps);
    // Later contributions for each copy's first worker: the streams its points assessment read have grown since.
    const later = [...new Set(steps.filter(([, type]) => type === 'AssessPoints').map(([, , subject]) => subject))].map(
      (subject) => ['2025-09-01', 'RecordContributions', subject, { scheme: 'employee-pension', region: '510400', months: { from: '2024-01', to: '2025-06' }, baseFen: 460_000 }] as (typeof steps)[number],
    );
    await buildHistory(store, later);
    decisions = (await store.readAll({ maxCount: 100_000 })).filter((e) => hasDecision(e.data));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('reproduces every decision of a generated history exactly under its own pack version', async () => {
    expect(decisions.length).toBe(72); // 24 in each copy of HISTORY
    const verdicts: Record<string, number> = {};
    const defects: Redecision[] = [];
    for (const event of decisions) {
      const answer = (await redecide({ store, event, packAt, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
      verdicts[answer.verdict] = (verdicts[answer.verdict] ?? 0) + 1;
      if (answer.verdict !== 'reproduced' || answer.ownPack.outcome !== 'same' || answer.ownPack.differences.length > 0) defects.push(answer);
    }
    expect(defects.map((d) => ({ event: d.event, own: d.ownPack }))).toEqual([]);
    expect(verdicts).toEqual({ reproduced: decisions.length });
    // Each kind of decision the history holds was among them.
    expect(new Set(decisions.map((e) => e.type)).size).toBeGreaterThan(10);
  });

  it('reads the other streams at the revisions the decision recorded, not as they stand now', async () => {
    // Decisions that read another stream which has grown since: the re-decision must not see the later events.
    const heads = new Map<string, number>();
    for (const e of await store.readAll({ maxCount: 100_000 })) heads.set(e.streamName, e.streamRevision);
    const grownSince = decisions.filter((e) => {
      const read = (e.metadata.command as { read: Record<string, number> }).read;
      return Object.entries(read).some(([stream, revision]) => stream !== e.streamName && (heads.get(stream) ?? -1) > revision);
    });
    expect(grownSince.filter((e) => e.type === 'PointsAssessed')).toHaveLength(6);
    for (const event of grownSince) {
      const answer = (await redecide({ store, event, packAt, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
      expect([event.type, answer.verdict]).toEqual([event.type, 'reproduced']);
    }

    const assessed = decisions.find((e) => e.type === 'PointsAssessed')!;
    const answer = (await redecide({ store, event: assessed, packAt, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
    const workerId = assessed.streamName.slice('points-'.length);
    expect(answer.command!.read).toMatchObject({ [`points-${workerId}`]: assessed.streamRevision - 1 });
    expect(Object.keys(answer.command!.read).sort()).toEqual(
      [`housing-${workerId}`, `insurance-${workerId}`, `points-${workerId}`, `residence-permit-${workerId}`, `worker-${workerId}`].sort(),
    );
    // Decided under shaoxing's pack; today's pack (panzhihua's, which ranks nothing by points) refuses it, naming the rule.
    expect(answer.decision.packId).toBe('shaoxing');
    expect(answer.todaysPack).toMatchObject({ packId: 'panzhihua', outcome: 'refused', refusal: { code: 'NOT_PROVIDED_BY_PACK', ruleId: 'points.services-by-points' } });
  });

  it('names what today’s pack would change, and why: rule, clause, the parameter that moved', async () => {
    const applied = decisions.find((e) => e.type === 'PermitApplied' && e.streamName.startsWith('residence-permit-w-zhang-'))!;
    const today = new PolicyView(withParams(builtIn('panzhihua').pack, 'permit.apply.conditions', { minResidence: { months: 12 } }));
    const answer = (await redecide({ store, event: applied, packAt, policy: today, today: TODAY })) as Redecision;
    expect(answer.verdict).toBe('reproduced');
    expect(answer.todaysPack.outcome).toBe('refused');
    expect(answer.todaysPack.refusal).toMatchObject({ ruleId: 'permit.apply.conditions', source: 'national-663 第二条', quote: '居住半年以上' });
    expect(answer.todaysPack.rules.find((r) => r.ruleId === 'permit.apply.conditions')).toMatchObject({
      change: 'changed',
      fields: [{ path: 'params.minResidence.months', recorded: 6, redecided: 12 }],
    });

    // The same pack unchanged: the same events, every applied rule the same.
    const same = (await redecide({ store, event: applied, packAt, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
    expect([same.todaysPack.outcome, same.todaysPack.differences]).toEqual(['same', []]);
    expect(same.todaysPack.rules.map((r) => r.change)).toEqual(same.decision.rules.map(() => 'same'));
  });

  it('reports a defect, field by field, when its own pack version no longer gives what it recorded', async () => {
    // A pack edited without a new version: the decision cannot be reproduced, and the answer says where.
    const applied = decisions.find((e) => e.type === 'PermitApplied')!;
    const edited = new PolicyView(withParams(builtIn('panzhihua').pack, 'permit.apply.conditions', { minResidence: { months: 1 } }));
    const tampered = new Map(builtIn('panzhihua').pack.rules);
    const rule = tampered.get('permit.apply.conditions')!;
    tampered.set('permit.apply.conditions', { ...rule, quote: '居住一个月以上' });
    const quoteEdited = new PolicyView({ ...edited.pack, rules: tampered });
    const answer = (await redecide({ store, event: applied, packAt: () => quoteEdited, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
    expect(answer.verdict).toBe('defect');
    expect(answer.ownPack.outcome).toBe('different');
    expect(answer.ownPack.differences).toEqual([
      { path: 'events[0].data.decision.rules[0].quote', recorded: '居住半年以上', redecided: '居住一个月以上' },
    ]);
  });

  it('says what it cannot re-decide: not a decision, no command kept, a pack version it does not have', async () => {
    const registered = (await store.readAll({ maxCount: 1 }))[0]!;
    expect(await redecide({ store, event: registered, packAt, policy: builtIn('panzhihua'), today: TODAY })).toBe('not-a-decision');
    const applied = decisions.find((e) => e.type === 'PermitApplied')!;
    const old = (await redecide({ store, event: applied, packAt: () => undefined, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
    const version = (applied.data as unknown as { decision: { packVersion: string } }).decision.packVersion;
    expect([old.verdict, old.ownPack.outcome, old.ownPack.reason]).toEqual(['not-replayable', 'not-run', `pack panzhihua version ${version} is not available to this ledger`]);
    const { command: _kept, ...metadata } = applied.metadata;
    const bare = (await redecide({ store, event: { ...applied, metadata }, packAt, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
    expect([bare.verdict, bare.command, bare.ownPack.reason]).toEqual([
      'not-replayable',
      null,
      'the event keeps no command (appended before decisions kept theirs, or not through a command)',
    ]);
  });
});

describe('a kept command’s personal fields (docs/privacy.md)', () => {
  let db: TestDatabase;
  let raw: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('redecide_private');
    raw = await PostgresEventStore.connect(db.url, { poolSize: 4 });
  });
  afterAll(async () => {
    await raw?.close();
    await db?.drop();
  });

  it('are stored encrypted as the event’s own are, and the decision still re-decides through the private store', async () => {
    const store = await PrivateEventStore.open(raw, generatePrivacyKeys(['m1']));
    const settleAt = '东区炳草岗大街1号';
    await buildHistory(store, [
      ['2024-03-01', 'RegisterWorker', 'w-s', { name: '张三', idNumber: '510402199001011234', phone: '13800000000', birthDate: '1990-01-01', hukouPlace: { areaCode: '513401', address: '凉山州西昌市某村' }, arrivalOn: '2023-05-01' }],
      ['2024-03-01', 'ApplyForSettlement', 'w-s', { settleAt, conditions: [{ kind: 'document', documentType: '房屋租赁合同' }], homeVillageRights: ['land-contract', 'homestead', 'forest'] }],
    ]);
    const [, settled] = await raw.readStream('worker-w-s');
    expect(settled!.type).toBe('WorkerSettled');
    const kept = (settled!.metadata.command as { data: { settleAt: string } }).data.settleAt;
    expect(kept.startsWith('pii1.')).toBe(true);
    expect(JSON.stringify(settled)).not.toContain(settleAt);
    const [, revealed] = await store.readStream('worker-w-s');
    expect((revealed!.metadata.command as { data: { settleAt: string } }).data.settleAt).toBe(settleAt);
    const answer = (await redecide({ store, event: revealed!, packAt, policy: builtIn('panzhihua'), today: TODAY })) as Redecision;
    expect([answer.verdict, answer.ownPack.differences]).toEqual(['reproduced', []]);
  });
});
