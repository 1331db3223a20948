import { loadPack, PolicyView } from '@ledger/policy';
import type { InsuranceContext } from './context';

/** The shipped packs, loaded once per test file. */
export const PACKS = ['panzhihua', 'shaoxing', 'sanming', 'fangshan', 'fengdu'] as const;
export type PackId = (typeof PACKS)[number];

const views = new Map<PackId, PolicyView>();
export function policyOf(pack: PackId): PolicyView {
  let view = views.get(pack);
  if (!view) {
    view = new PolicyView(loadPack(pack));
    views.set(pack, view);
  }
  return view;
}

export function contextFor(
  pack: PackId,
  today: string,
  extra: Partial<Omit<InsuranceContext, 'today' | 'policy'>> = {},
): InsuranceContext {
  return { today, policy: policyOf(pack), ...extra };
}

/** Expected events for `spec(...).then`, matched as `toMatchObject` does: nested fields may be partial. */
export function like<E>(events: { type?: string; data?: object; effectiveOn?: string }[]): Partial<E>[] {
  return events as Partial<E>[];
}
