import type { IsoDate } from '@ledger/kernel';

/** A contribution month, `YYYY-MM`. */
export type YearMonth = string;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: unknown): value is YearMonth {
  return typeof value === 'string' && YEAR_MONTH.test(value);
}

function index(month: YearMonth): number {
  const m = YEAR_MONTH.exec(month);
  if (!m) throw new RangeError(`not a month YYYY-MM: ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function fromIndex(i: number): YearMonth {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(month: YearMonth, n: number): YearMonth {
  return fromIndex(index(month) + n);
}

export function compareMonths(a: YearMonth, b: YearMonth): number {
  return index(a) - index(b);
}

/** The month a date falls in. */
export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

/** The first day of a month: a contribution's `effectiveOn`. */
export function firstDayOf(month: YearMonth): IsoDate {
  index(month);
  return `${month}-01`;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: YearMonth, to: YearMonth): YearMonth[] {
  const [a, b] = [index(from), index(to)];
  if (b < a) throw new RangeError(`month range ends (${to}) before it starts (${from})`);
  return Array.from({ length: b - a + 1 }, (_, i) => fromIndex(a + i));
}

/** Months as a command states them: a list, or a range with both ends included. */
export type MonthSpan = readonly YearMonth[] | { from: YearMonth; to: YearMonth };

function isRange(span: MonthSpan): span is { from: YearMonth; to: YearMonth } {
  return !Array.isArray(span);
}

/** A list or a range of months as a sorted list without repeats; throws on a malformed month. */
export function normaliseMonths(months: MonthSpan): YearMonth[] {
  const list = isRange(months) ? monthRange(months.from, months.to) : [...months];
  for (const m of list) index(m);
  return [...new Set(list)].sort(compareMonths);
}
