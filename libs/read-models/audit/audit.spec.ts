import { buildHistory } from '../testing/history';
import { liveAndRebuilt, openWorld, ReadModelWorld, runLive } from '../testing/harness';
import { auditProjection } from './audit.projection';
import { countDecisionsByPack, countDecisionsByRule, decisionsForStream, decisionsUsingRule, listDecisions } from './queries';

describe('audit read model', () => {
  let world: ReadModelWorld;
  beforeAll(async () => {
    world = await openWorld('rm_audit');
    const last = await buildHistory(world.store);
    await runLive(world, auditProjection, last);
  });
  afterAll(() => world.close());

  it('keeps every decision of w-li’s permit with its clauses, inputs and both clocks', async () => {
    const decisions = await decisionsForStream(world.pool, { streamName: 'residence-permit-w-li' });
    expect(decisions.map((d) => [d.eventType, d.decidedOn])).toEqual([
      ['PermitApplied', '2022-07-06'],
      ['PermitIssued', '2022-07-12'],
      ['PermitSuspended', '2023-07-20'],
      ['PermitRestored', '2023-08-01'],
      ['PermitEndorsed', '2024-07-20'],
    ]);
    const restored = decisions[3]!;
    expect(restored.rules.map((r) => r.ruleId)).toContain('permit.restore');
    expect(restored).toMatchObject({ packId: 'panzhihua', actorDepartment: 'residence-office', provisional: false });
    expect(typeof restored.recordedAt).toBe('string');
  });

  it('answers which decisions used a rule, in the global order, a page at a time', async () => {
    const first = await decisionsUsingRule(world.pool, { ruleId: 'school.admission.guarantee', limit: 1 });
    expect(first.rows.map((d) => d.streamName)).toEqual(['schooling-c-1']);
    const second = await decisionsUsingRule(world.pool, { ruleId: 'school.admission.guarantee', limit: 1, after: first.next });
    expect(second.rows.map((d) => d.streamName)).toEqual(['schooling-c-2']);
    expect(second.next).toBeNull();
    const byRule = await countDecisionsByRule(world.pool);
    expect(byRule).toContainEqual({ key: 'si.transfer.pension', source: 'panzhihua-2016-10 §(七)', count: 3 });
    expect(await countDecisionsByPack(world.pool)).toContainEqual({ key: expect.stringMatching(/^shaoxing@/), count: 2 });
    expect((await listDecisions(world.pool, { packId: 'shaoxing' })).rows.map((d) => d.eventType)).toEqual(['PointsAssessed', 'PointsAssessed']);
  });

  it('rebuilds blue/green to exactly the live rows', async () => {
    const { live, rebuilt } = await liveAndRebuilt(world, auditProjection);
    expect(live.decisions!.length).toBeGreaterThan(20);
    expect(rebuilt).toEqual(live);
  });
});
