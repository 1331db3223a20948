import { describePeriod, type Period } from '@ledger/kernel';

/** Chinese wording of a required period as the seeds say it: 半年, 1年. For refusal text only. */
export function periodWords(period: Period): string {
  if (!period.years && period.months === 6 && !period.days) return '半年';
  return describePeriod(period);
}

/** Fen as 元 for refusal text: 150000 → 1500元, 12345 → 123.45元. */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  return `${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}元`;
}

/** Bad input (400): whole, non-negative fen. */
export function assertFen(value: number, field: string, positive = true): void {
  if (!Number.isInteger(value) || value < 0 || (positive && value === 0)) {
    throw new RangeError(`${field} must be a ${positive ? 'positive' : 'non-negative'} whole number of fen`);
  }
}

/** A month `YYYY-MM`; such strings order as the months do. */
export function isYearMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}
