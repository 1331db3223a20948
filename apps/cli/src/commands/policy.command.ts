import type { Command } from 'commander';
import { clockFromEnv } from '@ledger/application';
import { isIsoDate, type IsoDate } from '@ledger/kernel';
import { policyDirs, type LoadOptions } from '@ledger/policy';
import { formatDiff, formatList, formatShow } from './policy-format';
import { diffReport, listReport, loadView, type PackSource, showReport } from './policy-report';

/** What the policy commands touch outside themselves; tests pass their own. */
export interface PolicyCommandIo {
  write(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Today's civil date in the city's time zone. */
  today(): IsoDate;
  /** Extra rule schemas (tests register `fixture.*` ids). */
  paramSchemas?: LoadOptions['paramSchemas'];
}

/** Dates are Asia/Shanghai civil dates (docs/architecture.md §3), whatever the machine's zone. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const processIo: PolicyCommandIo = {
  write: (text) => void process.stdout.write(text),
  env: process.env,
  today: () => clockFromEnv().today(),
};

function dateOption(value: string | undefined, io: PolicyCommandIo): IsoDate {
  if (value === undefined) return io.today();
  if (!isIsoDate(value)) throw new Error(`--on "${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}

interface ShowOptions {
  on?: string;
  json?: boolean;
}

/** `ledger policy list|show|diff` (issue 4): the deployment's packs, LEDGER_POLICY_DIR included. */
export function registerPolicyCommands(program: Command, io: PolicyCommandIo = processIo): void {
  const from = (): PackSource => ({ dirs: policyDirs(io.env), paramSchemas: io.paramSchemas });
  const json = (value: unknown) => io.write(`${JSON.stringify(value, null, 2)}\n`);
  const policy = program.command('policy').description('policy packs: list, show, diff');

  policy
    .command('list')
    .description('every pack found, with its version, parent and rule count')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const entries = listReport(from());
      if (options.json) json(entries);
      else io.write(formatList(entries));
      const broken = entries.filter((e) => !e.ok).length;
      if (broken) throw new Error(`${broken} pack(s) failed to load`);
    });

  policy
    .command('show <jurisdiction>')
    .description('a pack and every rule in force on a date, with clause, status, quote and params')
    .option('--on <date>', 'YYYY-MM-DD, Asia/Shanghai (default: today)')
    .option('--json', 'print JSON')
    .action((jurisdiction: string, options: ShowOptions) => {
      const on = dateOption(options.on, io);
      const report = showReport(loadView(jurisdiction, from()), on, from());
      if (options.json) json(report);
      else io.write(formatShow(report));
    });

  policy
    .command('diff <a> <b>')
    .description('rules only in a, only in b, and in both with a different clause, status or params')
    .option('--on <date>', 'YYYY-MM-DD, Asia/Shanghai (default: today)')
    .option('--json', 'print JSON')
    .action((a: string, b: string, options: ShowOptions) => {
      const on = dateOption(options.on, io);
      const report = diffReport(loadView(a, from()), loadView(b, from()), on);
      if (options.json) json(report);
      else io.write(formatDiff(report));
    });
}
