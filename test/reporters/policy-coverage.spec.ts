import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_PACKS_DIR } from '../../libs/policy/test-fixtures/dirs';
import { computeCoverage, isHttpTest, mentions, passingTests, readPacks, render, uncovered } from './policy-coverage';
const Reporter = require('./policy-coverage.reporter') as new (
  globalConfig: Record<string, unknown>,
  options: Record<string, string>,
) => { onRunComplete(contexts: unknown, results: unknown): void; getLastError(): Error | undefined };

const ROOT = join(__dirname, '..', '..');

/**
 * A jest AggregatedResult holding a domain spec and an HTTP spec, each test
 * `[describe chain, title, status]`; a title starting `HTTP ` is in the HTTP file.
 */
function results(tests: [string[], string, string][]) {
  const file = (path: string, list: [string[], string, string][]) => ({
    testFilePath: join(ROOT, path),
    testResults: list.map(([ancestorTitles, title, status]) => ({ ancestorTitles, title, status })),
  });
  return {
    testResults: [
      file('libs/x/domain/x.spec.ts', tests.filter(([, title]) => !title.startsWith('HTTP '))),
      file('test/api/rules-x.spec.ts', tests.filter(([, title]) => title.startsWith('HTTP '))),
    ],
  };
}

describe('mentions: whole ids only', () => {
  it('finds an id between brackets or spaces', () => {
    expect(mentions('fixture.limit [fixture-city] › refuses', 'fixture.limit')).toBe(true);
    expect(mentions('fixture.limit [fixture-city] › refuses', 'fixture-city')).toBe(true);
  });

  it('does not take a longer id for a shorter one', () => {
    expect(mentions('fixture.limit-extra', 'fixture.limit')).toBe(false);
    expect(mentions('fixture.limit.extra', 'fixture.limit')).toBe(false);
    expect(mentions('a fixture-city-2023 clause', 'fixture-city')).toBe(false);
    expect(mentions('sub.fixture.limit', 'fixture.limit')).toBe(false);
  });

  it('accepts an id that ends a sentence', () => {
    expect(mentions('applies fixture.limit.', 'fixture.limit')).toBe(true);
  });
});

describe('readPacks: rules resolved through extends, without TypeScript', () => {
  const packs = readPacks(FIXTURE_PACKS_DIR);

  it('lists each pack with its own rules and those it inherits, naming the defining pack', () => {
    expect(packs.map((p) => p.id)).toEqual(['fixture-base', 'fixture-city']);
    expect(packs[1]!.rules).toEqual([
      { id: 'fixture.limit', definedIn: 'fixture-city' },
      { id: 'fixture.points-table', definedIn: 'fixture-city' },
      { id: 'fixture.principle', definedIn: 'fixture-base' },
      { id: 'fixture.window', definedIn: 'fixture-base' },
    ]);
    expect(packs[1]!.sourceKeys).toEqual(['fixture-city-2023']);
  });
});

describe('computeCoverage: which passing tests show each (pack, rule)', () => {
  const packs = readPacks(FIXTURE_PACKS_DIR);
  const cover = (tests: [string[], string, string][]) => computeCoverage(packs, passingTests(results(tests), ROOT));
  const testsOf = (coverage: ReturnType<typeof cover>, pack: string, rule: string) =>
    coverage.find((c) => c.pack.id === pack)!.rules.find((r) => r.id === rule)!.tests;

  it('counts a test whose name mentions the rule and the pack', () => {
    const coverage = cover([[['fixture.limit [fixture-city]'], 'caps at 5', 'passed']]);
    expect(testsOf(coverage, 'fixture-city', 'fixture.limit')).toEqual([
      'libs/x/domain/x.spec.ts: fixture.limit [fixture-city] › caps at 5',
    ]);
  });

  it('counts a test naming one of the pack’s source keys instead of its id', () => {
    const coverage = cover([[['fixture.limit (fixture-city-2023 §三)'], 'caps at 5', 'passed']]);
    expect(testsOf(coverage, 'fixture-city', 'fixture.limit')).toHaveLength(1);
  });

  it('covers an inherited rule by a test naming the pack that defines it', () => {
    const coverage = cover([[['fixture.principle [fixture-base]'], 'holds', 'passed']]);
    expect(testsOf(coverage, 'fixture-base', 'fixture.principle')).toHaveLength(1);
    expect(testsOf(coverage, 'fixture-city', 'fixture.principle')).toHaveLength(1);
  });

  it('does not cover a child’s restated rule by a test of the parent’s version', () => {
    const coverage = cover([[['fixture.limit [fixture-base]'], 'caps at 2', 'passed']]);
    expect(testsOf(coverage, 'fixture-base', 'fixture.limit')).toHaveLength(1);
    expect(testsOf(coverage, 'fixture-city', 'fixture.limit')).toEqual([]);
  });

  it('ignores failed, skipped and todo tests', () => {
    const coverage = cover([
      [['fixture.limit [fixture-base]'], 'fails', 'failed'],
      [['fixture.limit [fixture-base]'], 'skipped', 'pending'],
      [['fixture.limit [fixture-base]'], 'later', 'todo'],
    ]);
    expect(testsOf(coverage, 'fixture-base', 'fixture.limit')).toEqual([]);
  });

  it('tells HTTP tests (test/api/, test/e2e/) from domain tests', () => {
    expect(isHttpTest('test/api/rules-fengdu.spec.ts')).toBe(true);
    expect(isHttpTest('test/e2e/projector-crash.spec.ts')).toBe(true);
    expect(isHttpTest('libs/schooling/domain/seat.spec.ts')).toBe(false);
    expect(isHttpTest('test/reporters/policy-coverage.spec.ts')).toBe(false);
    const coverage = cover([
      [['fixture.limit [fixture-base]'], 'caps', 'passed'],
      [['fixture.limit [fixture-base]'], 'HTTP caps', 'passed'],
    ]);
    const rule = coverage[0]!.rules.find((r) => r.id === 'fixture.limit')!;
    expect(rule.domain).toEqual(['libs/x/domain/x.spec.ts: fixture.limit [fixture-base] › caps']);
    expect(rule.http).toEqual(['test/api/rules-x.spec.ts: fixture.limit [fixture-base] › HTTP caps']);
  });

  it('reports each pair lacking a domain or an HTTP test as pack: rule (no … test)', () => {
    const coverage = cover([
      [['fixture.limit [fixture-base]'], 'caps', 'passed'],
      [['fixture.window [fixture-base]'], 'HTTP ends', 'passed'],
    ]);
    expect(uncovered(coverage)).toEqual([
      'fixture-base: fixture.limit (no HTTP test)',
      'fixture-base: fixture.principle (no domain test)',
      'fixture-base: fixture.principle (no HTTP test)',
      'fixture-base: fixture.window (no domain test)',
      'fixture-city: fixture.limit (no domain test)',
      'fixture-city: fixture.limit (no HTTP test)',
      'fixture-city: fixture.points-table (no domain test)',
      'fixture-city: fixture.points-table (no HTTP test)',
      'fixture-city: fixture.principle (no domain test)',
      'fixture-city: fixture.principle (no HTTP test)',
      'fixture-city: fixture.window (no domain test)',
    ]);
  });

  it('renders a table per pack, domain and HTTP tests in their own columns, marking inherited rules and empty cells', () => {
    const text = render(
      cover([
        [['fixture.principle [fixture-base]'], 'holds', 'passed'],
        [['fixture.principle [fixture-base]'], 'HTTP holds', 'passed'],
      ]),
    );
    expect(text).toContain('- fixture-city 2.1.0: 1 of 4 rules with domain and HTTP tests');
    expect(text).toContain('## fixture-city 2.1.0 (extends fixture-base)');
    expect(text).toContain('## fixture-base 1.0.0\n\n| rule | domain tests | HTTP tests |\n|---|---|---|\n| `fixture.limit` | **none** | **none** |');
    expect(text).toContain(
      '| `fixture.principle` | libs/x/domain/x.spec.ts: fixture.principle [fixture-base] › holds | test/api/rules-x.spec.ts: fixture.principle [fixture-base] › HTTP holds |',
    );
    // An inherited rule points at the defining pack's lists rather than repeating them.
    expect(text).toContain(
      '| `fixture.principle` (inherited from fixture-base) | the 1 domain test(s) listed under fixture-base | the 1 HTTP test(s) listed under fixture-base |',
    );
    expect(text).toContain('| `fixture.points-table` | **none** | **none** |');
  });
});

describe('PolicyCoverageReporter', () => {
  const every: [string[], string, string][] = [
    [['fixture.limit [fixture-base]'], 'caps at 2', 'passed'],
    [['fixture.principle [fixture-base]'], 'holds', 'passed'],
    [['fixture.window [fixture-base]'], 'ends on 2022-06-30', 'passed'],
    [['fixture.limit [fixture-city]'], 'caps at 5', 'passed'],
    [['fixture.limit [fixture-base]'], 'HTTP caps at 2', 'passed'],
    [['fixture.principle [fixture-base]'], 'HTTP holds', 'passed'],
    [['fixture.window [fixture-base]'], 'HTTP ends on 2022-06-30', 'passed'],
    [['fixture.limit [fixture-city]'], 'HTTP caps at 5', 'passed'],
    [['fixture.points-table [fixture-city]'], 'HTTP adds 2 a year', 'passed'],
    [['fixture.points-table [fixture-city]'], 'adds 2 a year', 'passed'],
  ];
  const full = { rootDir: ROOT, testPathPatterns: { isSet: () => false } };
  let dir: string;
  let output: string;
  const run = (globalConfig: Record<string, unknown>, tests: [string[], string, string][], update = false) => {
    const before = process.env.UPDATE_POLICY_COVERAGE;
    if (update) process.env.UPDATE_POLICY_COVERAGE = '1';
    else delete process.env.UPDATE_POLICY_COVERAGE;
    try {
      const reporter = new Reporter(globalConfig, { packsDir: FIXTURE_PACKS_DIR, output });
      reporter.onRunComplete(new Set(), results(tests));
      return reporter.getLastError();
    } finally {
      if (before === undefined) delete process.env.UPDATE_POLICY_COVERAGE;
      else process.env.UPDATE_POLICY_COVERAGE = before;
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-coverage-'));
    output = join(dir, 'policy-coverage.md');
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails a full run when the coverage file is missing', () => {
    expect(run(full, every)?.message).toMatch(/is out of date/);
  });

  it('writes the file with UPDATE_POLICY_COVERAGE=1, after which a full run passes', () => {
    expect(run(full, every, true)).toBeUndefined();
    expect(readFileSync(output, 'utf8')).toContain('- fixture-city 2.1.0: 4 of 4 rules with domain and HTTP tests');
    expect(run(full, every)).toBeUndefined();
  });

  it('fails a full run when the file differs from what it would write', () => {
    run(full, every, true);
    writeFileSync(output, readFileSync(output, 'utf8').replace('caps at 5', 'caps at 6'));
    expect(run(full, every)?.message).toMatch(/out of date.*node scripts\/policy-coverage\.js/);
  });

  it('fails a full run when a (pack, rule) has no passing HTTP test, naming it', () => {
    run(full, every, true);
    const error = run(full, every.filter(([, title]) => title !== 'HTTP adds 2 a year'));
    expect(error?.message).toMatch(
      /1 \(pack, rule\) pair\(s\) lack a passing test:\n {2}- fixture-city: fixture\.points-table \(no HTTP test\)/,
    );
  });

  it('fails a full run when a (pack, rule) has no passing domain test, naming it', () => {
    run(full, every, true);
    const error = run(full, every.filter(([, title]) => title !== 'adds 2 a year'));
    expect(error?.message).toMatch(/- fixture-city: fixture\.points-table \(no domain test\)/);
  });

  it('still writes the file on update when a rule has no test, and fails', () => {
    const some = every.filter(([[chain]]) => !chain!.startsWith('fixture.points-table'));
    expect(run(full, some, true)?.message).toMatch(/fixture-city: fixture\.points-table/);
    expect(readFileSync(output, 'utf8')).toContain('| `fixture.points-table` | **none** | **none** |');
  });

  it.each([
    ['a test path pattern', { testPathPatterns: { isSet: () => true } }],
    ['-t', { testNamePattern: 'caps' }],
    ['--onlyChanged', { onlyChanged: true }],
    ['--findRelatedTests', { findRelatedTests: true }],
    ['--shard', { shard: { shardIndex: 1, shardCount: 2 } }],
  ])('skips the check when %s makes the run a subset', (_why, subset) => {
    expect(run({ ...full, ...subset }, [])).toBeUndefined();
  });

  it('refuses to write the file from a subset run', () => {
    expect(run({ ...full, testPathPatterns: { isSet: () => true } }, every, true)?.message).toMatch(/needs a full run/);
    expect(() => readFileSync(output)).toThrow();
  });
});
