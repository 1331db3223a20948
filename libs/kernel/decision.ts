import type { IsoDate } from './calendar';

export type RuleStatus = 'in-force' | 'draft' | 'illustrative';

/** A rule as a decision applied it: enough for a clerk, a department and an auditor. */
export interface AppliedRule {
  ruleId: string;
  /** Short name and clause, e.g. `panzhihua-2016-10 §(一)`. */
  source: string;
  quote: string;
  status: RuleStatus;
  /** The rule version's first day in force. */
  effectiveFrom: IsoDate;
}

/** What every decision event records (docs/architecture.md principle 8). */
export interface DecisionRecord {
  packId: string;
  packVersion: string;
  jurisdiction: string;
  decidedOn: IsoDate;
  rules: AppliedRule[];
  /** The facts the decision saw, as values (not display text). */
  inputs: Record<string, unknown>;
  /** True when any applied rule is a draft (征求意见稿) or illustrative. */
  provisional: boolean;
}

/** An expected "no": a value, not an exception, that names the rule and what would change it. */
export interface Refusal {
  kind: 'refusal';
  /** Stable machine code, e.g. RESIDENCE_TOO_SHORT. */
  code: string;
  ruleId: string;
  source: string;
  quote: string;
  status: RuleStatus;
  packId: string;
  packVersion: string;
  /** Human explanation in Chinese, citing the rule: 不予失业登记：居住5个月28天，不满半年（…）. */
  detail: string;
  computed?: unknown;
  required?: unknown;
  /** The first date the answer would be yes, when time alone would change it. */
  eligibleFrom?: IsoDate;
  /** What else would change the answer ("needs a vaccination record"). */
  wouldChange?: string;
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'refusal';
}

/** A domain event before the store gives it an id and position. */
export interface DomainEvent<TType extends string = string, TData = Record<string, unknown>> {
  type: TType;
  data: TData;
  /** When the fact took effect in the world, where it differs from when it is recorded. */
  effectiveOn?: IsoDate;
}

/** The result of `decide`: events to append, or a refusal. */
export type Decided<E> = E[] | Refusal;

/** A command's pure decision and a stream's fold, as docs/architecture.md principle 7 asks. */
export interface Decider<C, E, S, Ctx> {
  initialState: S;
  decide(command: C, state: S, context: Ctx): Decided<E>;
  evolve(state: S, event: E): S;
}

export function fold<S, E>(decider: Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>, events: E[]): S {
  return events.reduce(decider.evolve, decider.initialState);
}
