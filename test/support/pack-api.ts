import { randomUUID } from 'node:crypto';
import { addDays, type IsoDate } from '@ledger/kernel';
import { commandRoute, SUBJECT_PARAM } from '../../apps/api/src/routes/commands/command-routes';
import type { ApiDepartment } from '../../apps/api/src/security';
import { startApiHarness, type ApiHarness, type ApiResponse } from './api-harness';

/**
 * The API deployed with one policy pack, deciding on a date the test sets (`api.today = …`):
 * no test reads the wall clock. Each command is sent with its owner's credential.
 */
export interface PackApi {
  harness: ApiHarness;
  /** The ledger's today for the next command. */
  today: IsoDate;
  /** POST a command (by catalog type) for a subject, decided on `on` (default: `today`). */
  send(type: string, subjectId: string, body: Record<string, unknown>, on?: IsoDate): Promise<ApiResponse>;
  /** Like send, but the answer must be 201 (a set-up step): throws with the answer otherwise. */
  step(type: string, subjectId: string, body: Record<string, unknown>, on?: IsoDate): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function startPackApi(pack: string, today: IsoDate): Promise<PackApi> {
  const api = { today } as PackApi;
  const harness = await startApiHarness(`rules_${pack.replace(/[^a-z0-9]/g, '_')}`, {
    pack,
    today: () => api.today,
    env: { LEDGER_RATE_LIMIT_PER_SECOND: '100000', LEDGER_RATE_LIMIT_BURST: '100000' },
  });
  api.harness = harness;
  api.send = async (type, subjectId, body, on) => {
    if (on) api.today = on;
    const route = commandRoute(type);
    const path = route.path.replace(`{${SUBJECT_PARAM[route.subject]}}`, encodeURIComponent(subjectId));
    return harness.post(path, body, { token: harness.token(route.owner as ApiDepartment), key: randomUUID() });
  };
  api.step = async (type, subjectId, body, on) => {
    const answer = await api.send(type, subjectId, body, on);
    if (answer.status !== 201) throw new Error(`${type} answered ${answer.status}: ${answer.text}`);
    return answer;
  };
  api.close = () => harness.close();
  return api;
}

export const dayBefore = (date: IsoDate): IsoDate => addDays(date, -1);
export const dayAfter = (date: IsoDate): IsoDate => addDays(date, 1);

/** A fresh subject id: each attempt at a boundary starts from its own streams. */
export const fresh = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The 201 of a decision that applied `ruleId` (and says so in `rules`). */
export function expectDecidedBy(answer: ApiResponse, ruleId: string): void {
  if (answer.status !== 201) throw new Error(`expected 201 by ${ruleId}, got ${answer.status}: ${answer.text}`);
  expect(answer.body.rules.map((r: { ruleId: string }) => r.ruleId)).toContain(ruleId);
}

/** The 422 of a refusal under `ruleId`, with its clause, quote and the first day it would be yes. */
export function expectRefusedBy(
  answer: ApiResponse,
  expected: { ruleId: string; source: string; eligibleFrom?: IsoDate; code?: string },
): void {
  if (answer.status !== 422) throw new Error(`expected 422 by ${expected.ruleId}, got ${answer.status}: ${answer.text}`);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({
    ruleId: expected.ruleId,
    source: expected.source,
    quote: expect.stringMatching(/\S/),
    ...(expected.code ? { code: expected.code } : {}),
  });
  if (expected.eligibleFrom) expect(answer.body.eligibleFrom).toBe(expected.eligibleFrom);
  else expect(answer.body.eligibleFrom).toBeUndefined();
}

/**
 * A rule's boundary over HTTP: `attempt(date)` builds a fresh case and sends the command decided
 * on `date`. The day before `day` it is refused under the rule (eligibleFrom `day`); on `day` and
 * the day after it is decided by the rule.
 */
export async function expectBoundary(
  rule: { ruleId: string; source: string; code?: string },
  day: IsoDate,
  attempt: (date: IsoDate) => Promise<ApiResponse>,
): Promise<void> {
  expectRefusedBy(await attempt(dayBefore(day)), { ...rule, eligibleFrom: day });
  expectDecidedBy(await attempt(day), rule.ruleId);
  expectDecidedBy(await attempt(dayAfter(day)), rule.ruleId);
}
