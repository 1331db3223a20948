import type { DomainEvent } from '@ledger/kernel';
import { loadPack, PolicyView } from '@ledger/policy';
import type { EmploymentContext } from './context';
import type { EmployerContext } from './employer-context';

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

export function workerContext(
  pack: PackId,
  today: string,
  extra: Partial<Omit<EmploymentContext, 'today' | 'policy'>> = {},
): EmploymentContext {
  return { today, policy: policyOf(pack), ...extra };
}

export function firmContext(
  pack: PackId,
  today: string,
  extra: Partial<Omit<EmployerContext, 'today' | 'policy'>> = {},
): EmployerContext {
  return { today, policy: policyOf(pack), ...extra };
}

/** Expected events for `spec(...).then`, matched as `toMatchObject` does: nested fields may be partial. */
export function like<E extends DomainEvent>(
  events: { type?: string; data?: object; effectiveOn?: string }[],
): Partial<E>[] {
  return events as Partial<E>[];
}

/** Every pack but these. */
export function packsWithout(...having: PackId[]): PackId[] {
  return PACKS.filter((p) => !having.includes(p));
}
