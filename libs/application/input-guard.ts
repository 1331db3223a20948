import { isIsoDate, type IsoDate } from '@ledger/kernel';
import { InvalidCommand } from './errors';

/*
 * What every command's data must satisfy before a decider sees it, wherever it comes from (the
 * API, the CLI, a process manager): docs/input.md. Applied in executeCommand, so one rule holds
 * for every entry point, and a refusal appends nothing.
 */

/**
 * Dates of facts that are planned rather than past: a lease's start and end, a due day. Every
 * other field named `…On`, and `birthDate`, records something that has happened (opened,
 * arrived, paid, purchased…), so it cannot lie after the ledger's today.
 */
const MAY_LIE_AHEAD = new Set(['startsOn', 'endsOn', 'dueOn', 'effectiveOn', 'windowOpensOn', 'validUntil']);

export function isHappenedDateField(key: string): boolean {
  if (key === 'birthDate') return true;
  return /^[a-z][A-Za-z]*On$/.test(key) && !MAY_LIE_AHEAD.has(key);
}

/** Person names: one writing system, as Unicode TS #39's "highly restrictive" level has it. */
function isNameField(key: string): boolean {
  return key === 'name' || /[a-z]Name$/.test(key);
}

/**
 * Characters no name, address or note needs, and that hide what a clerk reads: controls, format
 * characters (zero-width spaces and joiners, bidirectional overrides and isolates), private
 * use, lone surrogates, noncharacters, line and paragraph separators. Tab and line breaks stay
 * allowed in free text, never in names.
 */
const HIDDEN = /[\p{Cf}\p{Co}\p{Cs}\u2028\u2029\uFDD0-\uFDEF\uFFFE\uFFFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const CONTROL = /\p{Cc}/u;

const SCRIPTS = [
  'Latin', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo', 'Cyrillic', 'Greek', 'Arabic', 'Tibetan',
  'Mongolian', 'Yi', 'Lisu', 'Miao', 'Tai_Le', 'New_Tai_Lue', 'Thai', 'Lao', 'Myanmar', 'Armenian',
  'Hebrew', 'Georgian', 'Devanagari', 'Cherokee', 'Old_Uyghur',
] as const;
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The scripts a string's letters are written in; digits, punctuation and `·` belong to none. */
export function scriptsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const char of text) {
    if (NEUTRAL.test(char)) continue;
    const hit = SCRIPT_TESTS.find(([, test]) => test.test(char));
    found.add(hit ? hit[0] : 'Other');
  }
  return found;
}

/** UTS #39 §5.2 highly restrictive: one script, or Latin with Han and the scripts written alongside it. */
const ALLOWED_MIXES: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

export function isSingleScriptName(text: string): boolean {
  const scripts = scriptsOf(text);
  if (scripts.size <= 1) return true;
  return ALLOWED_MIXES.some((allowed) => [...scripts].every((s) => allowed.has(s)));
}

function describe(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The command's data, with every string in Unicode NFC, or an InvalidCommand naming the field:
 * a hidden character, a name mixing scripts, or a past fact dated after `today`.
 */
export function guardCommandInput<T>(value: T, today: IsoDate, path = ''): T {
  return walk(value, today, path, path) as T;
}

/** `key` is the property the value sits under (an array's items keep their array's key). */
function walk(value: unknown, today: IsoDate, path: string, key: string): unknown {
  if (typeof value === 'string') {
    const hidden = (isNameField(key) ? CONTROL : undefined)?.exec(value) ?? HIDDEN.exec(value);
    if (hidden) {
      throw new InvalidCommand(
        `${path} contains an invisible or control character (${describe(hidden[0])}); send the text as it is written`,
        path,
        'HIDDEN_CHARACTER',
        `${path} 含有不可见字符或控制字符（${describe(hidden[0])}）；请按书写原样填写`,
      );
    }
    const text = value.normalize('NFC');
    if (isNameField(key) && !isSingleScriptName(text)) {
      throw new InvalidCommand(
        `${path} mixes writing systems (${[...scriptsOf(text)].join(', ')}); a name is written in one script, or in Chinese with Latin letters`,
        path,
        'MIXED_SCRIPT',
        `${path} 混用了多种文字（${[...scriptsOf(text)].join('、')}）；姓名只用一种文字书写，或汉字加拉丁字母`,
      );
    }
    if (isHappenedDateField(key) && isIsoDate(text) && text > today) {
      throw new InvalidCommand(
        `${path} is ${text}, after the ledger's today (${today}): a fact that has happened cannot be dated in the future`,
        path,
        'DATE_IN_FUTURE',
        `${path} 为 ${text}，晚于账本的今天（${today}）：已发生的事实不能记在将来`,
      );
    }
    return text;
  }
  if (Array.isArray(value)) return value.map((item, i) => walk(item, today, `${path}[${i}]`, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, today, path ? `${path}.${k}` : k, k);
    return out;
  }
  return value;
}
