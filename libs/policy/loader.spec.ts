import { BUILT_IN_PACKS_DIR, listPacks, loadDeploymentPolicy, loadPack, PolicyPackError } from './loader';
import { PolicyView } from './pack';
import { FIXTURE_CITY_DIR, FIXTURE_PACKS_DIR } from './test-fixtures/dirs';
import { FIXTURE_PARAMS } from './test-fixtures/params';
import { manifest, oneRule, tempPacks } from './test-fixtures/temp-packs';

const fixtures = { dirs: [FIXTURE_PACKS_DIR], paramSchemas: FIXTURE_PARAMS };

/** The error a load throws, so each test can assert the file, the rule and the field. */
function loadError(id: string, dirs: string[]): PolicyPackError {
  try {
    loadPack(id, { dirs, paramSchemas: FIXTURE_PARAMS });
  } catch (error) {
    if (error instanceof PolicyPackError) return error;
    throw error;
  }
  throw new Error(`pack ${id} loaded but should not have`);
}

describe('loadPack: a bad pack stops loading and names the file, the rule and the field', () => {
  const packs = tempPacks();
  afterAll(() => packs.cleanup());

  it('rejects a rules file that is not valid YAML', () => {
    const dir = packs.write({
      p: { 'pack.yaml': manifest('p'), 'rules.yaml': 'rules:\n  - id: "fixture.limit\n    source: x\n' },
    });
    const error = loadError('p', [dir]);
    expect(error.file).toMatch(/p\/rules\.yaml$/);
    expect(error.problem).toMatch(/not valid YAML/);
  });

  it('rejects a manifest that is not valid YAML', () => {
    const dir = packs.write({ p: { 'pack.yaml': 'id: p\nname: [unclosed\n' } });
    expect(loadError('p', [dir]).file).toMatch(/p\/pack\.yaml$/);
  });

  it('rejects a rule with no quote', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ quote: '' }) } });
    const error = loadError('p', [dir]);
    expect(error).toMatchObject({ ruleId: 'fixture.limit', field: 'rules.0.quote' });
    expect(error.file).toMatch(/p\/rules\.yaml$/);
  });

  it('rejects a quote over 40 characters', () => {
    const quote = '持'.repeat(41);
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ quote }) } });
    expect(loadError('p', [dir])).toMatchObject({ ruleId: 'fixture.limit', field: 'rules.0.quote' });
  });

  it('accepts a quote of exactly 40 characters', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ quote: '持'.repeat(40) }) } });
    expect(loadPack('p', { dirs: [dir], paramSchemas: FIXTURE_PARAMS }).rules.get('fixture.limit')?.quote).toHaveLength(
      40,
    );
  });

  it('rejects a rule id that no code reads', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ id: 'fixture.limmit' }) } });
    const error = loadError('p', [dir]);
    expect(error).toMatchObject({ ruleId: 'fixture.limmit', field: 'rules.0.id' });
    expect(error.problem).toMatch(/no code reads/);
  });

  it('rejects a parameter of the wrong type', () => {
    const versions = `\n      - effectiveFrom: '2020-01-01'\n        params: { limit: 'one' }`;
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ versions }) } });
    expect(loadError('p', [dir])).toMatchObject({ ruleId: 'fixture.limit', field: 'versions.0.params.limit' });
  });

  it('rejects a parameter the rule does not take', () => {
    const versions = `\n      - effectiveFrom: '2020-01-01'\n        params: { limit: 1, limt: 2 }`;
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ versions }) } });
    expect(loadError('p', [dir])).toMatchObject({ ruleId: 'fixture.limit', field: 'versions.0.params' });
  });

  it('rejects an effective date that is not a calendar date (2023-02-29)', () => {
    const versions = `\n      - effectiveFrom: '2023-02-29'\n        params: { limit: 1 }`;
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ versions }) } });
    expect(loadError('p', [dir])).toMatchObject({ ruleId: 'fixture.limit', field: 'rules.0.versions.0.effectiveFrom' });
  });

  it('rejects a manifest whose date is not a calendar date', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p').replace('2020-01-01', '2020/01/01') } });
    expect(loadError('p', [dir])).toMatchObject({ ruleId: undefined, field: 'effectiveFrom' });
  });

  it('rejects an unknown status', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ status: 'issued' }) } });
    expect(loadError('p', [dir])).toMatchObject({ ruleId: 'fixture.limit', field: 'rules.0.status' });
  });

  it('rejects an illustrative rule that does not say where its numbers come from', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ status: 'illustrative' }) } });
    expect(loadError('p', [dir])).toMatchObject({ ruleId: 'fixture.limit', field: 'paramsSource' });
  });

  it('rejects the same rule twice in one pack', () => {
    const rule = oneRule({});
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'a.yaml': rule, 'b.yaml': rule } });
    const error = loadError('p', [dir]);
    expect(error).toMatchObject({ ruleId: 'fixture.limit', field: 'id' });
    expect(error.file).toMatch(/p\/b\.yaml$/);
  });

  it('rejects packs that extend each other in a cycle, naming the manifest that closes it', () => {
    const dir = packs.write({
      a: { 'pack.yaml': manifest('a', 'extends: b\n') },
      b: { 'pack.yaml': manifest('b', 'extends: c\n') },
      c: { 'pack.yaml': manifest('c', 'extends: a\n') },
    });
    const error = loadError('a', [dir]);
    expect(error).toMatchObject({ field: 'extends' });
    expect(error.file).toMatch(/c\/pack\.yaml$/);
    expect(error.problem).toMatch(/cycle/);
  });

  it('rejects a pack that extends itself', () => {
    const dir = packs.write({ a: { 'pack.yaml': manifest('a', 'extends: a\n') } });
    expect(loadError('a', [dir])).toMatchObject({ field: 'extends' });
  });

  it('rejects a pack whose id differs from its folder', () => {
    const dir = packs.write({ shaoxing: { 'pack.yaml': manifest('shaoxin') } });
    const error = loadError('shaoxing', [dir]);
    expect(error).toMatchObject({ field: 'id' });
    expect(error.file).toMatch(/shaoxing\/pack\.yaml$/);
  });

  it('rejects a parent pack that does not exist', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p', 'extends: nowhere\n') } });
    expect(loadError('p', [dir]).problem).toMatch(/no pack named "nowhere"/);
  });

  it('puts the file, rule and field in the message an operator sees', () => {
    const dir = packs.write({ p: { 'pack.yaml': manifest('p'), 'rules.yaml': oneRule({ quote: '' }) } });
    expect(loadError('p', [dir]).message).toMatch(/p\/rules\.yaml: rule fixture\.limit: rules\.0\.quote: /);
  });
});

describe('loadPack: lineage and overrides', () => {
  const city = loadPack('fixture-city', fixtures);
  const view = new PolicyView(city);

  it('records the chain of packs, child first', () => {
    expect(city.lineage).toEqual(['fixture-city', 'fixture-base']);
  });

  it('lets a child pack override a parent rule', () => {
    expect(view.find('fixture.limit', '2024-01-01')).toMatchObject({
      source: 'fixture-city-2023 §三',
      status: 'draft',
      params: { limit: 5 },
    });
    expect(city.rules.get('fixture.limit')?.file).toMatch(/fixture-city\/rules\.yaml$/);
  });

  it('replaces the whole parent rule: before the override takes effect the child has no version', () => {
    // The parent's 2021 version does not leak through: a pack's restated rule is the rule.
    expect(view.find('fixture.limit', '2022-06-01')).toBeUndefined();
    expect(new PolicyView(loadPack('fixture-base', fixtures)).find('fixture.limit', '2022-06-01')?.params).toEqual({
      limit: 2,
    });
  });

  it('inherits a rule it does not restate, citing the parent file', () => {
    const rule = view.find('fixture.principle', '2024-01-01');
    expect(rule).toMatchObject({ source: 'fixture-law 第三条', status: 'in-force' });
    expect(rule?.file).toMatch(/fixture-base\/rules\.yaml$/);
  });

  it('leaves the parent pack unchanged when a child overrides it', () => {
    const base = loadPack('fixture-base', fixtures);
    expect(base.rules.get('fixture.limit')?.source).toBe('fixture-law 第一条');
  });
});

describe('loadPack: production refuses illustrative numbers (docs/policy-rules.md §3)', () => {
  it('refuses a pack with an illustrative rule when production is set', () => {
    expect(() => loadPack('fixture-city', { ...fixtures, production: true })).toThrow(
      expect.objectContaining({ ruleId: 'fixture.points-table', field: 'status' }),
    );
  });

  it('loads the same pack outside production, the rule flagged illustrative', () => {
    const rule = new PolicyView(loadPack('fixture-city', fixtures)).find('fixture.points-table', '2024-01-01');
    expect(rule).toMatchObject({ status: 'illustrative', paramsSource: expect.stringContaining('illustrative') });
  });

  it('loads a pack without illustrative rules in production', () => {
    expect(loadPack('fixture-base', { ...fixtures, production: true }).manifest.id).toBe('fixture-base');
  });

  it('refuses through loadDeploymentPolicy when NODE_ENV is production', () => {
    const env = { LEDGER_POLICY_DIR: FIXTURE_PACKS_DIR, LEDGER_JURISDICTION: 'fixture-city', NODE_ENV: 'production' };
    expect(() => loadDeploymentPolicy(env, { paramSchemas: FIXTURE_PARAMS })).toThrow(PolicyPackError);
  });
});

describe('loadDeploymentPolicy: one jurisdiction per deployment (docs/architecture.md principle 12)', () => {
  it('defaults to panzhihua, an issued document', () => {
    const view = loadDeploymentPolicy({});
    expect(view.packId).toBe('panzhihua');
    expect(view.pack.lineage).toEqual(['panzhihua', 'national-663']);
  });

  it('serves the pack LEDGER_JURISDICTION names', () => {
    expect(loadDeploymentPolicy({ LEDGER_JURISDICTION: 'shaoxing' }).packId).toBe('shaoxing');
  });

  it('loads a city’s own pack from LEDGER_POLICY_DIR without code, extending a built-in pack', () => {
    const view = loadDeploymentPolicy(
      { LEDGER_POLICY_DIR: FIXTURE_CITY_DIR, LEDGER_JURISDICTION: 'fixture-town' },
      { paramSchemas: FIXTURE_PARAMS },
    );
    expect(view.packId).toBe('fixture-town');
    expect(view.pack.lineage).toEqual(['fixture-town', 'national-663']);
    expect(view.find('fixture.limit', '2024-03-01')).toMatchObject({
      source: 'fixture-town-2024 第五条',
      params: { limit: 3 },
    });
  });

  it('still serves the built-in packs when LEDGER_POLICY_DIR is set', () => {
    expect(loadDeploymentPolicy({ LEDGER_POLICY_DIR: FIXTURE_CITY_DIR, LEDGER_JURISDICTION: 'fengdu' }).packId).toBe(
      'fengdu',
    );
  });

  it('fails with a clear error for a jurisdiction with no pack', () => {
    expect(() => loadDeploymentPolicy({ LEDGER_JURISDICTION: 'atlantis' })).toThrow(/no pack named "atlantis"/);
  });
});

describe('the shipped packs', () => {
  const ids = listPacks();

  it('include the national pack and all five jurisdictions', () => {
    expect(ids).toEqual(
      expect.arrayContaining(['national-663', 'panzhihua', 'shaoxing', 'sanming', 'fangshan', 'fengdu']),
    );
  });

  it.each(listPacks())('%s loads and checks against the schema', (id) => {
    const pack = loadPack(id);
    expect(pack.manifest.id).toBe(id);
  });

  it.each(listPacks().filter((id) => id !== 'national-663'))('%s extends the national pack', (id) => {
    expect(loadPack(id).lineage.at(-1)).toBe('national-663');
  });

  it('are found next to the loader, so a build must copy the YAML', () => {
    expect(listPacks([BUILT_IN_PACKS_DIR])).toEqual(ids);
  });
});
