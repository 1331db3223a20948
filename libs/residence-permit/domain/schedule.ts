import { addDays, addPeriod, IsoDate, Period } from '@ledger/kernel';
import type { PolicyView, ResolvedRule } from '@ledger/policy';
import type { PermitEndorseYearlyParams, PermitRestoreParams } from '@ledger/policy/params/permit';
import type { EndorsementSchedule } from './events';

function times(p: Period, k: number): Period {
  return { years: (p.years ?? 0) * k, months: (p.months ?? 0) * k, days: (p.days ?? 0) * k };
}

/** The city's grace after a 签注 falls due, as in force on the due date (permit.restore). */
export function restoreRuleFor(view: PolicyView, dueOn: IsoDate): ResolvedRule<PermitRestoreParams> | undefined {
  return view.find<PermitRestoreParams>('permit.restore', dueOn);
}

export function overdueFrom(view: PolicyView, dueOn: IsoDate): IsoDate {
  return addDays(dueOn, restoreRuleFor(view, dueOn)?.params.graceDays ?? 0);
}

/**
 * The `year`-th 签注 counted from `anchor` (居住每满1年之日前1个月内, national-663 第十条).
 * Anniversaries count from the anchor each time, so a 29 February anchor comes back in leap years.
 */
export function endorsementSchedule(
  view: PolicyView,
  rule: ResolvedRule<PermitEndorseYearlyParams>,
  anchor: IsoDate,
  year: number,
): EndorsementSchedule {
  const dueOn = addPeriod(anchor, times(rule.params.every, year));
  const back = rule.params.windowBefore;
  const windowOpensOn = addDays(
    addPeriod(dueOn, { years: -(back.years ?? 0), months: -(back.months ?? 0) }),
    -(back.days ?? 0),
  );
  return { anchor, year, windowOpensOn, dueOn, overdueFrom: overdueFrom(view, dueOn) };
}
