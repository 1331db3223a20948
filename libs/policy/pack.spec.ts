import type { PolicyPack } from './pack';
import { applied, PolicyView } from './pack';
import type { RuleDefinition } from './schema';

function rule(id: string, versions: RuleDefinition['versions'], status: RuleDefinition['status'] = 'in-force') {
  return {
    id,
    source: 'fixture-law 第一条',
    sourceType: 'national' as const,
    quote: '限额',
    status,
    versions,
    file: 'rules.yaml',
  };
}

/** A pack built in memory: the as-of lookup needs no files. */
function view(...rules: ReturnType<typeof rule>[]): PolicyView {
  const pack: PolicyPack = {
    manifest: { id: 'p', version: '3.0.0', jurisdiction: '测试', name: 'p', effectiveFrom: '2020-01-01', sources: {} },
    lineage: ['p'],
    rules: new Map(rules.map((r) => [r.id, r])),
  };
  return new PolicyView(pack);
}

describe('PolicyView.find: the version in force on a date', () => {
  // limit 1 during 2020, 2 from 2021-01-01 on.
  const policy = view(
    rule('fixture.limit', [
      { effectiveFrom: '2021-01-01', params: { limit: 2 } },
      { effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31', params: { limit: 1 } },
    ]),
  );

  it('finds nothing the day before the first version takes effect', () => {
    expect(policy.find('fixture.limit', '2019-12-31')).toBeUndefined();
  });

  it('uses the first version on the day it takes effect', () => {
    expect(policy.find('fixture.limit', '2020-01-01')).toMatchObject({
      params: { limit: 1 },
      effectiveFrom: '2020-01-01',
      effectiveTo: '2020-12-31',
    });
  });

  it('still uses a version on its effectiveTo day, which is inclusive', () => {
    expect(policy.find('fixture.limit', '2020-12-31')?.params).toEqual({ limit: 1 });
  });

  it('switches to the next version the day after', () => {
    expect(policy.find('fixture.limit', '2021-01-01')).toMatchObject({
      params: { limit: 2 },
      effectiveFrom: '2021-01-01',
    });
  });

  it('keeps an open-ended version in force indefinitely', () => {
    expect(policy.find('fixture.limit', '2099-06-30')?.params).toEqual({ limit: 2 });
  });

  it('finds nothing after a version with effectiveTo ends and none follows', () => {
    const ended = view(
      rule('fixture.window', [{ effectiveFrom: '2022-01-01', effectiveTo: '2022-06-30', params: {} }]),
    );
    expect(ended.find('fixture.window', '2022-06-30')).toBeDefined();
    expect(ended.find('fixture.window', '2022-07-01')).toBeUndefined();
  });

  it('prefers the later version where two overlap', () => {
    const overlapping = view(
      rule('fixture.limit', [
        { effectiveFrom: '2020-01-01', params: { limit: 1 } },
        { effectiveFrom: '2021-01-01', params: { limit: 2 } },
      ]),
    );
    expect(overlapping.find('fixture.limit', '2021-06-01')?.params).toEqual({ limit: 2 });
  });

  it('finds nothing for a rule the pack does not have', () => {
    expect(policy.find('fixture.absent', '2021-01-01')).toBeUndefined();
  });

  it('carries the rule’s citation, status and defining file with the version', () => {
    expect(policy.find('fixture.limit', '2021-01-01')).toMatchObject({
      id: 'fixture.limit',
      source: 'fixture-law 第一条',
      quote: '限额',
      status: 'in-force',
      file: 'rules.yaml',
    });
  });
});

describe('PolicyView.rulesOn', () => {
  const policy = view(
    rule('fixture.b', [{ effectiveFrom: '2020-01-01', params: {} }]),
    rule('fixture.a', [{ effectiveFrom: '2020-01-01', params: {} }]),
    rule('fixture.later', [{ effectiveFrom: '2025-01-01', params: {} }]),
  );

  it('lists the rules in force on a date, sorted by id', () => {
    expect(policy.rulesOn('2024-01-01').map((r) => r.id)).toEqual(['fixture.a', 'fixture.b']);
  });

  it('adds a rule once it takes effect', () => {
    expect(policy.rulesOn('2025-01-01').map((r) => r.id)).toEqual(['fixture.a', 'fixture.b', 'fixture.later']);
  });

  it('exposes the pack id, version and jurisdiction a decision records', () => {
    expect([policy.packId, policy.packVersion, policy.jurisdiction]).toEqual(['p', '3.0.0', '测试']);
  });
});

describe('applied: the citation a decision event records', () => {
  it('keeps the rule id, clause, quote, status and the version’s start', () => {
    const draft = view(rule('fixture.limit', [{ effectiveFrom: '2020-01-01', params: { limit: 1 } }], 'draft'));
    expect(applied(draft.find('fixture.limit', '2020-02-01')!)).toEqual({
      ruleId: 'fixture.limit',
      source: 'fixture-law 第一条',
      quote: '限额',
      status: 'draft',
      effectiveFrom: '2020-01-01',
    });
  });
});
