import type { FormInstance } from 'antd';
import { ApiError, newKey, type CommandAnswer, type LedgerClient, type Problem } from './api';
import { FIELDS } from './labels';

export type CommandResult = { ok: true; answer: CommandAnswer } | { ok: false; problem: Problem };

/** Sends one command with a fresh Idempotency-Key; a problem comes back as a value, not a throw. */
export async function sendCommand(client: LedgerClient, path: string, body: unknown): Promise<CommandResult> {
  try {
    return { ok: true, answer: await client.post(path, body, newKey()) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, problem: error.problem };
    throw error;
  }
}

/** The API's validation messages (class-validator, English) in the clerk's words; others as sent. */
const PHRASES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must be an id: .*/, () => '须为编号：字母、数字和 . _ : -，1–64 个字符，以字母或数字开头（不含汉字和空格）'],
  [/^must be shorter than or equal to (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字符`],
  [/^should not be empty$/, () => '不能为空'],
  [/^must be a date YYYY-MM-DD.*/, () => '日期格式为 YYYY-MM-DD'],
];

function inChinese(text: string): string {
  for (const [pattern, say] of PHRASES) {
    const m = pattern.exec(text);
    if (m) return `${say(m)}（${text}）`;
  }
  return text;
}

/** A validation message of the API (`hukouPlace.areaCode must be …`) as field path and text. */
export function fieldOf(message: string): { path: string[]; label: string; text: string } | null {
  const match = /^([A-Za-z][\w.]*) (.+)$/.exec(message);
  if (!match) return null;
  const [, dotted, rest] = match as unknown as [string, string, string];
  return { path: dotted.split('.'), label: FIELDS[dotted] ?? dotted, text: `${FIELDS[dotted] ?? dotted}：${inChinese(rest)}` };
}

/**
 * The API's 400 shown field by field: each message goes under its field in the form (`fields`:
 * the dotted paths the form has); the answer is the messages no field of this form holds.
 */
export function showProblemOnForm(form: FormInstance, problem: Problem, fields: string[]): string[] {
  const loose: string[] = [];
  const byField = new Map<string, string[]>();
  for (const message of problem.errors ?? []) {
    const field = fieldOf(message);
    const key = field?.path.join('.');
    if (!field || !key || !fields.includes(key)) {
      loose.push(field ? field.text : message);
      continue;
    }
    byField.set(key, [...(byField.get(key) ?? []), `台账服务退回：${field.text}`]);
  }
  form.setFields([...byField.entries()].map(([key, errors]) => ({ name: key.split('.'), errors })));
  return loose;
}
