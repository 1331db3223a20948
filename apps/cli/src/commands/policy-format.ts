import { stringify } from 'yaml';
import type { RuleStatus } from '@ledger/kernel';
import type { DiffReport, ListEntry, RuleEntry, ShowReport } from './policy-report';

/**
 * Draft and illustrative rules are flagged in capitals on the rule's first line, so an auditor
 * scanning the output cannot mistake them for issued law (issue 4; docs/policy-rules.md §3).
 */
export function statusFlag(status: RuleStatus): string {
  switch (status) {
    case 'in-force':
      return '';
    case 'draft':
      return '[DRAFT 征求意见稿]';
    case 'illustrative':
      return '[ILLUSTRATIVE 示例参数, refused in production]';
    default: {
      const never: never = status;
      return never;
    }
  }
}

/** One value on one line, in YAML flow style: `{ months: 6 }`. */
function inline(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

/** A labelled line under a rule; continuation lines leave the label blank. */
function field(label: string, value: string): string {
  return `  ${label.padEnd(9)}  ${value}`;
}

function params(values: Record<string, unknown>): string[] {
  const keys = Object.keys(values);
  if (!keys.length) return [field('params', '(none: the clause states a principle)')];
  return keys.map((key, i) => field(i ? '' : 'params', `${key}: ${inline(values[key])}`));
}

function effective(rule: Pick<RuleEntry, 'effectiveFrom' | 'effectiveTo'>): string {
  return `${rule.effectiveFrom} → ${rule.effectiveTo ?? '(open)'}`;
}

function ruleLines(rule: RuleEntry, packId: string): string[] {
  const flag = statusFlag(rule.status);
  return [
    `${rule.id}   ${rule.source}${flag ? `   ${flag}` : ''}`,
    field('status', `${rule.status}${rule.definedIn === packId ? '' : `, inherited from ${rule.definedIn}`}`),
    field('effective', effective(rule)),
    field('quote', `「${rule.quote}」`),
    ...params(rule.params),
    ...(rule.paramsSource ? [field('numbers', rule.paramsSource)] : []),
    ...(rule.note ? [field('note', rule.note.replace(/\s+/g, ' ').trim())] : []),
  ];
}

function count(rules: RuleEntry[], status: RuleStatus): number {
  return rules.filter((r) => r.status === status).length;
}

/** `ledger policy show`: the pack, its sources, then every rule in force on the date. */
export function formatShow(report: ShowReport): string {
  const { pack, rules } = report;
  const keyWidth = Math.max(0, ...pack.sources.map((s) => s.key.length));
  const sources = pack.sources.map((s) => {
    const facts = [s.title, s.issuer, s.number, s.date, s.type, s.status === 'draft' ? 'DRAFT' : s.status].filter(
      Boolean,
    );
    return `  ${s.key.padEnd(keyWidth)}  ${facts.join(' · ')}${s.pack === pack.id ? '' : `  (via ${s.pack})`}`;
  });
  const draft = count(rules, 'draft');
  const illustrative = count(rules, 'illustrative');
  const lines = [
    `${pack.id} ${pack.version} · ${pack.jurisdiction}`,
    pack.name,
    `lineage    ${pack.lineage.join(' → ')}`,
    `effective  ${pack.effectiveFrom}`,
    ...(pack.population ? [`covers     only ${pack.population}`] : []),
    'sources',
    ...sources,
    '',
    `rules in force on ${report.on}: ${rules.length}` +
      (draft || illustrative ? ` (${draft} draft, ${illustrative} illustrative)` : ''),
    ...rules.flatMap((rule) => ['', ...ruleLines(rule, pack.id)]),
  ];
  if (report.notInForce.length) {
    lines.push('', `not in force on ${report.on}: ${report.notInForce.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One line a rule, ids aligned within the list. */
function briefs(rules: RuleEntry[]): string[] {
  const width = Math.max(0, ...rules.map((r) => r.id.length));
  return rules.map((rule) => {
    const flag = statusFlag(rule.status);
    return `  ${rule.id.padEnd(width)}  ${rule.source}${flag ? `   ${flag}` : ''}`;
  });
}

/** `ledger policy diff`: what differs between two packs on one date. */
export function formatDiff(report: DiffReport): string {
  const { a, b } = report;
  const width = Math.max(a.id.length, b.id.length);
  const side = (id: string, value: unknown) =>
    `      ${id.padEnd(width)}  ${typeof value === 'string' ? value : inline(value)}`;
  const section = (title: string, body: string[]) => (body.length ? ['', title, ...body] : ['', `${title} none`]);
  const lines = [
    `${a.id} ${a.version} ↔ ${b.id} ${b.version}, rules in force on ${report.on}`,
    ...section(`only in ${a.id} (${report.onlyInA.length}):`, briefs(report.onlyInA)),
    ...section(`only in ${b.id} (${report.onlyInB.length}):`, briefs(report.onlyInB)),
    ...section(
      `in both, different (${report.different.length}):`,
      report.different.flatMap((d) => [
        `  ${d.id}`,
        ...d.fields.flatMap((f) => [`    ${f.field}`, side(a.id, f.a), side(b.id, f.b)]),
      ]),
    ),
    '',
    `the same in both (${report.same.length}): ${report.same.join(', ') || 'none'}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `ledger policy list`: one line a pack. */
export function formatList(entries: ListEntry[]): string {
  const width = Math.max(0, ...entries.map((e) => e.id.length));
  return entries
    .map((e) => {
      if (!e.ok) return `${e.id.padEnd(width)}  ERROR  ${e.error}`;
      const flags = [e.draft && `${e.draft} draft`, e.illustrative && `${e.illustrative} illustrative`].filter(Boolean);
      return (
        `${e.id.padEnd(width)}  ${e.version.padEnd(7)} ${String(e.rules).padStart(3)} rules` +
        `${flags.length ? ` (${flags.join(', ')})` : ''}${e.extends ? `  extends ${e.extends}` : ''}  ${e.jurisdiction}`
      );
    })
    .join('\n')
    .concat('\n');
}
