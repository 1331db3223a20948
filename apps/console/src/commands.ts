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

/**
 * A validation error of the API (`{ pointer: '/hukouPlace/areaCode', detail: 'hukouPlace.areaCode 的格式不对' }`)
 * as field path and text; the detail names the field first, which the form's label replaces.
 */
export function fieldOf(error: { pointer?: string; parameter?: string; detail: string }): { path: string[]; label: string; text: string } | null {
  const path = error.pointer
    ? error.pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    : error.parameter?.split('.');
  if (!path?.length) return null;
  const dotted = path.join('.');
  const rest = error.detail.startsWith(`${dotted} `) ? error.detail.slice(dotted.length + 1) : error.detail;
  return { path, label: FIELDS[dotted] ?? dotted, text: `${FIELDS[dotted] ?? dotted}：${rest}` };
}

/**
 * The API's 400 shown field by field: each message goes under its field in the form (`fields`:
 * the dotted paths the form has); the answer is the messages no field of this form holds.
 */
export function showProblemOnForm(form: FormInstance, problem: Problem, fields: string[]): string[] {
  const loose: string[] = [];
  const byField = new Map<string, string[]>();
  for (const error of problem.errors ?? []) {
    const field = fieldOf(error);
    const key = field?.path.join('.');
    if (!field || !key || !fields.includes(key)) {
      loose.push(field ? field.text : error.detail);
      continue;
    }
    byField.set(key, [...(byField.get(key) ?? []), `台账服务退回：${field.text}`]);
  }
  form.setFields([...byField.entries()].map(([key, errors]) => ({ name: key.split('.'), errors })));
  return loose;
}
