import {
  addDays,
  compareDates,
  completionDate,
  describeElapsed,
  describePeriod,
  elapsed,
  hasCompleted,
  maxDate,
  type IsoDate,
  type Period,
  type Refusal,
} from '@ledger/kernel';
import { notProvided, PolicyView, refuse, type ResolvedRule } from '@ledger/policy';
import type {
  HousingRentalMinWorkYearsParams,
  HousingRentalStableEmploymentParams,
} from '@ledger/policy/params/housing';
import type { WorkerHousingFacts, WorkSpell } from './context';

export const RENTAL_RULE_IDS = ['housing.rental.min-work-years', 'housing.rental.stable-employment'] as const;

/** The outcome of checking every rental rule the pack has in force on a date. */
export type RentalAssessment =
  | { eligible: true; rules: ResolvedRule<unknown>[]; inputs: Record<string, unknown> }
  | { eligible: false; refusal: Refusal; rule?: ResolvedRule<unknown>; inputs: Record<string, unknown> };

interface Span {
  months: number;
  days: number;
}

/** Spells sorted and joined where one starts the day after (or before) the last ended. */
function mergeSpells(spells: WorkSpell[]): WorkSpell[] {
  const sorted = [...spells].sort((a, b) => compareDates(a.from, b.from));
  const merged: WorkSpell[] = [];
  for (const spell of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.to === undefined || compareDates(spell.from, addDays(last.to, 1)) <= 0)) {
      if (last.to !== undefined) last.to = spell.to === undefined ? undefined : maxDate(last.to, spell.to);
    } else {
      merged.push({ ...spell });
    }
  }
  return merged;
}

/**
 * Work done by `on`, each spell counted as the Civil Code counts periods (art. 201: from the day
 * after it began). Accumulated spells add whole months and days, 30 days making a month.
 */
export function workedBy(spells: WorkSpell[], on: IsoDate, accumulate: boolean): Span {
  const merged = mergeSpells(spells).filter((s) => compareDates(s.from, on) <= 0);
  const counted = accumulate
    ? merged
    : merged.filter((s) => s.to === undefined || compareDates(s.to, on) >= 0).slice(-1);
  let months = 0;
  let days = 0;
  for (const spell of counted) {
    const end = spell.to !== undefined && compareDates(spell.to, on) < 0 ? spell.to : on;
    const span = elapsed(spell.from, end);
    months += span.months;
    days += span.days;
  }
  return { months: months + Math.floor(days / 30), days: days % 30 };
}

function reaches(span: Span, required: Period, inclusive: boolean): boolean {
  const requiredMonths = (required.years ?? 0) * 12 + (required.months ?? 0);
  const cmp = span.months - requiredMonths || span.days - (required.days ?? 0);
  return inclusive ? cmp >= 0 : cmp > 0;
}

/** The first day after `on` the work requirement is met, if the worker keeps working; else undefined. */
function workEligibleFrom(spells: WorkSpell[], on: IsoDate, p: HousingRentalMinWorkYearsParams): IsoDate | undefined {
  const ongoing = spells.some((s) => s.to === undefined && compareDates(s.from, on) <= 0);
  if (!ongoing) return undefined;
  const limit = ((p.minWork.years ?? 0) * 12 + (p.minWork.months ?? 0)) * 31 + (p.minWork.days ?? 0) + 62;
  for (let i = 1; i <= limit; i++) {
    const day = addDays(on, i);
    if (reaches(workedBy(spells, day, p.accumulate), p.minWork, p.inclusive)) return day;
  }
  return undefined;
}

const REFUSED = '不予公租房保障';

function checkMinWork(
  view: PolicyView,
  rule: ResolvedRule<HousingRentalMinWorkYearsParams>,
  on: IsoDate,
  facts: WorkerHousingFacts,
  inputs: Record<string, unknown>,
): Refusal | undefined {
  const p = rule.params;
  const spells = facts.workSpells ?? [];
  if (spells.length === 0) {
    return refuse(view, rule, {
      code: 'NO_WORK_RECORD',
      reason: `${REFUSED}：无在本市工作的记录`,
      required: p.minWork,
      wouldChange: `needs a record of ${describePeriod(p.minWork)} of work in the city`,
    });
  }
  const worked = workedBy(spells, on, p.accumulate);
  inputs.worked = worked;
  if (reaches(worked, p.minWork, p.inclusive)) return undefined;
  return refuse(view, rule, {
    code: 'WORK_TOO_SHORT',
    reason: `${REFUSED}：在本市工作${describeElapsed(worked)}，${p.inclusive ? '不满' : '未超过'}${describePeriod(p.minWork)}`,
    computed: worked,
    required: p.minWork,
    eligibleFrom: workEligibleFrom(spells, on, p),
    wouldChange: p.accumulate ? undefined : 'an interruption restarts the count: only the current spell of work counts',
  });
}

function checkStableEmployment(
  view: PolicyView,
  rule: ResolvedRule<HousingRentalStableEmploymentParams>,
  on: IsoDate,
  facts: WorkerHousingFacts,
): Refusal | undefined {
  const p = rule.params;
  if (facts.employed !== true) {
    return refuse(view, rule, {
      code: 'NOT_STABLY_EMPLOYED',
      reason: `${REFUSED}：无稳定就业`,
      wouldChange: 'needs a current job under a labour contract',
    });
  }
  if (facts.permitStatus === 'suspended') {
    return refuse(view, rule, {
      code: 'PERMIT_SUSPENDED',
      reason: `${REFUSED}：居住证逾期未签注，使用功能中止，居住年限不能连续计算`,
      computed: { permitStatus: facts.permitStatus },
      wouldChange: 'a late 签注 restores the permit; residence then counts again from its date (permit.restore)',
    });
  }
  if (facts.permitStatus !== 'valid' || !facts.residenceSince) {
    return refuse(view, rule, {
      code: 'RESIDENCE_NOT_SHOWN',
      reason: `${REFUSED}：无有效居住证，居住年限无从计算`,
      computed: { permitStatus: facts.permitStatus ?? 'none' },
      wouldChange: 'needs a valid residence permit',
    });
  }
  if (!facts.contributionsSince) {
    return refuse(view, rule, {
      code: 'CONTRIBUTIONS_NOT_SHOWN',
      reason: `${REFUSED}：无连续缴纳社会保险的记录`,
      required: p.minContinuousContributions,
      wouldChange: `needs ${describePeriod(p.minContinuousContributions)} of unbroken contributions`,
    });
  }
  const residenceFrom = completionDate(facts.residenceSince, p.minResidence, p.inclusive);
  const contributionsFrom = completionDate(facts.contributionsSince, p.minContinuousContributions, p.inclusive);
  const residenceShort = !hasCompleted(facts.residenceSince, p.minResidence, on, p.inclusive);
  const contributionsShort = !hasCompleted(facts.contributionsSince, p.minContinuousContributions, on, p.inclusive);
  if (!residenceShort && !contributionsShort) return undefined;
  const shortfalls = [
    residenceShort
      ? `连续居住${describeElapsed(elapsed(facts.residenceSince, on))}，不满${describePeriod(p.minResidence)}`
      : undefined,
    contributionsShort
      ? `连续缴费${describeElapsed(elapsed(facts.contributionsSince, on))}，不满${describePeriod(p.minContinuousContributions)}`
      : undefined,
  ].filter(Boolean);
  return refuse(view, rule, {
    code: residenceShort ? 'RESIDENCE_TOO_SHORT' : 'CONTRIBUTIONS_TOO_SHORT',
    reason: `${REFUSED}：${shortfalls.join('；')}`,
    computed: { residence: elapsed(facts.residenceSince, on), contributions: elapsed(facts.contributionsSince, on) },
    required: { residence: p.minResidence, contributions: p.minContinuousContributions },
    eligibleFrom: maxDate(residenceFrom, contributionsFrom),
  });
}

/** Checks every rental rule the jurisdiction has in force on `on`; all must hold. */
export function assessRental(view: PolicyView, on: IsoDate, facts: WorkerHousingFacts = {}): RentalAssessment {
  const inputs: Record<string, unknown> = { assessedOn: on, ...facts };
  const minWork = view.find<HousingRentalMinWorkYearsParams>('housing.rental.min-work-years', on);
  const stable = view.find<HousingRentalStableEmploymentParams>('housing.rental.stable-employment', on);
  if (!minWork && !stable) {
    // fangshan-2017 only plans for workers' housing (no condition a pack could state); fengdu-2017-29 says nothing of rental.
    return {
      eligible: false,
      inputs,
      refusal: notProvided(view, 'housing.rental.*', '无法受理公租房保障申请：未规定农民工申请条件'),
    };
  }
  const rules: ResolvedRule<unknown>[] = [];
  if (minWork) {
    const refusal = checkMinWork(view, minWork, on, facts, inputs);
    if (refusal) return { eligible: false, refusal, rule: minWork, inputs };
    rules.push(minWork);
  }
  if (stable) {
    const refusal = checkStableEmployment(view, stable, on, facts);
    if (refusal) return { eligible: false, refusal, rule: stable, inputs };
    rules.push(stable);
  }
  return { eligible: true, rules, inputs };
}
