import { Command } from 'commander';
import { FIXTURE_PACKS_DIR } from '../../../../libs/policy/test-fixtures/dirs';
import { FIXTURE_PARAMS } from '../../../../libs/policy/test-fixtures/params';
import { manifest, oneRule, tempPacks } from '../../../../libs/policy/test-fixtures/temp-packs';
import { registerPolicyCommands, todayInShanghai } from './policy.command';
import type { DiffReport, ShowReport } from './policy-report';

/** Runs `ledger <args>` against the fixture packs and returns what it printed. */
async function ledger(args: string[], options: { dir?: string; today?: string } = {}): Promise<string> {
  let out = '';
  const program = new Command('ledger')
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  registerPolicyCommands(program, {
    write: (text) => (out += text),
    env: { LEDGER_POLICY_DIR: options.dir ?? FIXTURE_PACKS_DIR },
    today: () => options.today ?? '2024-01-01',
    paramSchemas: FIXTURE_PARAMS,
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    (error as Error).message += `\n--- printed before the error ---\n${out}`;
    throw error;
  }
  return out;
}

describe('ledger policy show', () => {
  it('prints the pack’s id, version, jurisdiction, lineage and sources from every pack it extends', async () => {
    const out = await ledger(['policy', 'show', 'fixture-city', '--on', '2024-01-01']);
    expect(out).toMatch(/^fixture-city 2\.1\.0 · 测试市\n/);
    expect(out).toContain('lineage    fixture-city → fixture-base');
    expect(out).toMatch(/fixture-city-2023 +测试市实施意见（征求意见稿） · seed · DRAFT\n/);
    expect(out).toMatch(
      /fixture-law +测试条例 · 测试省人民政府 · 2020-01-01 · national · in-force {2}\(via fixture-base\)/,
    );
  });

  it('prints each rule in force with its clause, status, dates, quote and params', async () => {
    const out = await ledger(['policy', 'show', 'fixture-base', '--on', '2020-06-01']);
    expect(out).toContain(
      [
        'fixture.limit   fixture-law 第一条',
        '  status     in-force',
        '  effective  2020-01-01 → 2020-12-31',
        '  quote      「限额为一」',
        '  params     limit: 1',
      ].join('\n'),
    );
    expect(out).toContain('rules in force on 2020-06-01: 2\n');
  });

  it('uses the version in force on the date given', async () => {
    const out = await ledger(['policy', 'show', 'fixture-base', '--on', '2021-01-01']);
    expect(out).toContain('  effective  2021-01-01 → (open)\n  quote      「限额为一」\n  params     limit: 2');
  });

  it('flags draft and illustrative rules on the rule’s first line and counts them', async () => {
    const out = await ledger(['policy', 'show', 'fixture-city', '--on', '2024-01-01']);
    expect(out).toContain('fixture.limit   fixture-city-2023 §三   [DRAFT 征求意见稿]');
    expect(out).toContain(
      'fixture.points-table   fixture-city-2023 §四   [ILLUSTRATIVE 示例参数, refused in production]',
    );
    expect(out).toContain('  numbers    none (illustrative, replace with the city’s own pack)');
    expect(out).toContain('rules in force on 2024-01-01: 3 (1 draft, 1 illustrative)');
  });

  it('says which rules are inherited and which are not in force on the date', async () => {
    const out = await ledger(['policy', 'show', 'fixture-city', '--on', '2024-01-01']);
    expect(out).toContain('fixture.principle   fixture-law 第三条\n  status     in-force, inherited from fixture-base');
    expect(out).toContain('not in force on 2024-01-01: fixture.window');
  });

  it('defaults to today in Asia/Shanghai', async () => {
    const out = await ledger(['policy', 'show', 'fixture-base'], { today: '2022-03-01' });
    expect(out).toContain('rules in force on 2022-03-01: 3');
  });

  it('prints JSON with --json', async () => {
    const report = JSON.parse(
      await ledger(['policy', 'show', 'fixture-city', '--on', '2024-01-01', '--json']),
    ) as ShowReport;
    expect(report.pack).toMatchObject({
      id: 'fixture-city',
      version: '2.1.0',
      lineage: ['fixture-city', 'fixture-base'],
    });
    expect(report.rules.map((r) => [r.id, r.status, r.definedIn])).toEqual([
      ['fixture.limit', 'draft', 'fixture-city'],
      ['fixture.points-table', 'illustrative', 'fixture-city'],
      ['fixture.principle', 'in-force', 'fixture-base'],
    ]);
  });

  it('refuses an unknown pack, naming the packs there are', async () => {
    await expect(ledger(['policy', 'show', 'atlantis'])).rejects.toThrow(
      /no policy pack "atlantis"; known packs: .*fixture-base/,
    );
  });

  it('refuses a date that is not on the calendar', async () => {
    await expect(ledger(['policy', 'show', 'fixture-base', '--on', '2023-02-29'])).rejects.toThrow(
      '--on "2023-02-29" is not a calendar date (YYYY-MM-DD)',
    );
  });

  it('refuses a pack that does not load, naming the file, rule and field', async () => {
    const packs = tempPacks();
    try {
      const dir = packs.write({ broken: { 'pack.yaml': manifest('broken'), 'rules.yaml': oneRule({ quote: '' }) } });
      await expect(ledger(['policy', 'show', 'broken'], { dir })).rejects.toThrow(
        /broken\/rules\.yaml: rule fixture\.limit: rules\.0\.quote/,
      );
    } finally {
      packs.cleanup();
    }
  });
});

describe('ledger policy diff', () => {
  it('shows rules only in a, only in b, and those whose clause, status or params differ', async () => {
    const out = await ledger(['policy', 'diff', 'fixture-base', 'fixture-city', '--on', '2024-01-01']);
    expect(out).toContain('fixture-base 1.0.0 ↔ fixture-city 2.1.0, rules in force on 2024-01-01');
    expect(out).toContain('only in fixture-base (0): none');
    expect(out).toContain('only in fixture-city (1):\n  fixture.points-table  fixture-city-2023 §四   [ILLUSTRATIVE');
    expect(out).toContain(
      [
        'in both, different (1):',
        '  fixture.limit',
        '    source',
        '      fixture-base  fixture-law 第一条',
        '      fixture-city  fixture-city-2023 §三',
        '    status',
        '      fixture-base  in-force',
        '      fixture-city  draft',
        '    params',
        '      fixture-base  { limit: 2 }',
        '      fixture-city  { limit: 5 }',
      ].join('\n'),
    );
    expect(out).toContain('the same in both (1): fixture.principle');
  });

  it('compares the rules in force on the date given', async () => {
    const report = JSON.parse(
      await ledger(['policy', 'diff', 'fixture-base', 'fixture-city', '--on', '2022-03-01', '--json']),
    ) as DiffReport;
    // fixture-city's own fixture.limit starts in 2023 and replaces the parent's whole rule.
    expect(report.onlyInA.map((r) => r.id)).toEqual(['fixture.limit']);
    expect(report.onlyInB).toEqual([]);
    // fixture.window is in force in the first half of 2022 and fixture-city inherits it.
    expect(report.same).toEqual(['fixture.principle', 'fixture.window']);
  });

  it('finds no difference between a pack and itself', async () => {
    const report = JSON.parse(await ledger(['policy', 'diff', 'fixture-city', 'fixture-city', '--json'])) as DiffReport;
    expect([report.onlyInA, report.onlyInB, report.different]).toEqual([[], [], []]);
  });

  it('refuses an unknown pack on either side', async () => {
    await expect(ledger(['policy', 'diff', 'fixture-base', 'atlantis'])).rejects.toThrow(/no policy pack "atlantis"/);
  });
});

describe('ledger policy list', () => {
  // The count includes inherited rules: what a deployment of that pack would use.
  it('lists the built-in packs and those of LEDGER_POLICY_DIR with version, rule count and flags', async () => {
    const out = await ledger(['policy', 'list']);
    expect(out).toMatch(
      /^fixture-city +2\.1\.0 +4 rules \(1 draft, 1 illustrative\) {2}extends fixture-base {2}测试市$/m,
    );
    expect(out).toMatch(/^national-663 /m);
  });

  it('shows a pack that fails to load and exits non-zero', async () => {
    const packs = tempPacks();
    try {
      const dir = packs.write({ broken: { 'pack.yaml': manifest('broken', 'extends: broken\n') } });
      await expect(ledger(['policy', 'list'], { dir })).rejects.toThrow(
        /1 pack\(s\) failed to load[^]*broken +ERROR .*cycle/,
      );
    } finally {
      packs.cleanup();
    }
  });
});

describe('todayInShanghai', () => {
  it('is already the next day in Shanghai at 16:30 UTC', () => {
    expect(todayInShanghai(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
  });

  it('is still the same day at 15:59 UTC', () => {
    expect(todayInShanghai(new Date('2025-12-31T15:59:00Z'))).toBe('2025-12-31');
  });
});
