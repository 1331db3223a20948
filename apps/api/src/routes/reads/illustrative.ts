import type { AppliedRule } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';

/**
 * Of `ruleIds`, those the deployment's pack marks illustrative (示例参数: numbers the seed does not
 * give), sorted: a read whose figures come from them says so (issue 9 item 6).
 */
export function illustrativeRuleIds(policy: PolicyView, ruleIds: readonly string[]): string[] {
  return [...new Set(ruleIds)].filter((id) => policy.pack.rules.get(id)?.status === 'illustrative').sort();
}

type DecidedEvent = { data: unknown };
const rulesOf = (event: DecidedEvent) =>
  (event.data as { decision?: { rules?: AppliedRule[] } } | null)?.decision?.rules ?? [];

/** The illustrative rules the decisions recorded in `events` applied, sorted. */
export function illustrativeRulesOfEvents(events: readonly DecidedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) for (const rule of rulesOf(event)) if (rule.status === 'illustrative') ids.add(rule.ruleId);
  return [...ids].sort();
}

/**
 * The rules the decisions recorded in `events` applied, as each decision recorded them (clause,
 * words, status), one per rule id, sorted by it: the later decision's record of a rule replaces an
 * earlier one (`after`'s are earlier than `events`'). What a section of the worker summary was
 * decided under (docs/api-reads.md).
 */
export function appliedRulesOfEvents(events: readonly DecidedEvent[], after: readonly AppliedRule[] = []): AppliedRule[] {
  let byId: Map<string, AppliedRule> | undefined;
  for (const event of events) {
    for (const rule of rulesOf(event)) {
      byId ??= new Map(after.map((r) => [r.ruleId, r]));
      const { ruleId, source, quote, status, effectiveFrom } = rule;
      byId.set(ruleId, { ruleId, source, quote, status, effectiveFrom });
    }
  }
  if (!byId) return after as AppliedRule[];
  return [...byId.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
