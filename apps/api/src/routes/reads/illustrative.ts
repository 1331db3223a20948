import type { PolicyView } from '@ledger/policy';

/**
 * Of `ruleIds`, those the deployment's pack marks illustrative (示例参数: numbers the seed does not
 * give), sorted: a read whose figures come from them says so (issue 9 item 6).
 */
export function illustrativeRuleIds(policy: PolicyView, ruleIds: readonly string[]): string[] {
  return [...new Set(ruleIds)].filter((id) => policy.pack.rules.get(id)?.status === 'illustrative').sort();
}

/** The illustrative rules the decisions recorded in `events` applied, sorted. */
export function illustrativeRulesOfEvents(events: readonly { data: unknown }[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    const rules = (event.data as { decision?: { rules?: { ruleId: string; status: string }[] } } | null)?.decision?.rules;
    for (const rule of rules ?? []) if (rule.status === 'illustrative') ids.add(rule.ruleId);
  }
  return [...ids].sort();
}
