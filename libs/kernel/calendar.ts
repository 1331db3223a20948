/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD, Asia/Shanghai civil dates), as the Civil Code
 * counts periods: art. 201, a period in days, months or years starts the day after the fact;
 * art. 202, a period in months or years ends on the corresponding day of the last month, or
 * that month's last day when it has none; art. 203, the last day ends at 24:00.
 * Pure: no clock, no time zone conversion.
 */
export type IsoDate = string;

export interface Period {
  years?: number;
  months?: number;
  days?: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function parts(date: IsoDate): [number, number, number] {
  const m = ISO.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(day: number): IsoDate {
  const t = new Date(day * DAY_MS);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Months and years land on the corresponding day, or the month's last day (art. 202). */
export function addPeriod(date: IsoDate, period: Period): IsoDate {
  const [y, m, d] = parts(date);
  const totalMonths = (period.years ?? 0) * 12 + (period.months ?? 0);
  const index = y * 12 + (m - 1) + totalMonths;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const shifted = format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
  return period.days ? addDays(shifted, period.days) : shifted;
}

/** The last day of a period that starts the day after `fact` (arts. 201–202). */
export function periodEnd(fact: IsoDate, period: Period): IsoDate {
  return addPeriod(fact, period);
}

/**
 * The first date on which a period counted from `fact` is reached: its last day when the
 * rule includes the figure (以上, 满; art. 1259), the day after when it must be exceeded (超).
 */
export function completionDate(fact: IsoDate, period: Period, inclusive: boolean): IsoDate {
  const end = periodEnd(fact, period);
  return inclusive ? end : addDays(end, 1);
}

export function hasCompleted(fact: IsoDate, period: Period, on: IsoDate, inclusive: boolean): boolean {
  return compareDates(on, completionDate(fact, period, inclusive)) >= 0;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/**
 * Whole months and remaining days elapsed from `fact` to `on`, counted as art. 202 counts
 * periods: 2023-08-31 → 2024-02-29 is 6 months 0 days; 2023-08-31 → 2024-02-28 is 5 months 28 days.
 */
export function elapsed(fact: IsoDate, on: IsoDate): { months: number; days: number } {
  if (compareDates(on, fact) < 0) return { months: 0, days: 0 };
  let months = 0;
  while (compareDates(addPeriod(fact, { months: months + 1 }), on) <= 0) months++;
  const reached = addPeriod(fact, { months });
  return { months, days: toDayNumber(on) - toDayNumber(reached) };
}

/** Full years of age on `on` (a birthday completes a year; a 29 February birth counts on 28 February). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  let years = 0;
  while (compareDates(addPeriod(birthDate, { years: years + 1 }), on) <= 0) years++;
  return years;
}

/** Chinese civil wording of an elapsed span: 5个月28天, 1年2个月. */
export function describeElapsed(span: { months: number; days: number }): string {
  const years = Math.floor(span.months / 12);
  const months = span.months % 12;
  return `${years ? `${years}年` : ''}${months ? `${months}个月` : ''}${span.days || (!years && !months) ? `${span.days}天` : ''}`;
}

/** Chinese wording of a required period: 6个月, 3年. */
export function describePeriod(period: Period): string {
  return `${period.years ? `${period.years}年` : ''}${period.months ? `${period.months}个月` : ''}${period.days ? `${period.days}天` : ''}`;
}
