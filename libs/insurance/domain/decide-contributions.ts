import type { Decided } from '@ledger/kernel';
import type { RecordContributions } from './commands';
import type { InsuranceContext } from './context';
import type { ContributionsRecorded, InsuranceEvent } from './events';
import { compareMonths, firstDayOf, monthOf, normaliseMonths } from './months';
import { isScheme } from './schemes';
import type { InsuranceState } from './state';

/**
 * Contributions are facts the fund reports, not entitlements: no rule decides them. Bad input
 * (a malformed month, a month not yet begun, a base that is not whole fen) throws RangeError
 * (400); a report already recorded appends nothing, so a re-sent report is harmless.
 */
export function recordContributions(
  command: RecordContributions,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const { workerId, scheme, region, baseFen, employerId } = command.data;
  if (!isScheme(scheme)) throw new RangeError(`unknown scheme ${String(scheme)}`);
  if (!region) throw new RangeError('region is required');
  if (!Number.isInteger(baseFen) || baseFen <= 0)
    throw new RangeError('baseFen must be a positive whole number of fen');
  const months = normaliseMonths(command.data.months);
  const last = months[months.length - 1];
  if (last === undefined) throw new RangeError('no months given');
  if (compareMonths(last, monthOf(context.today)) > 0) {
    throw new RangeError(`contributions for ${last} cannot be recorded on ${context.today}: the month has not begun`);
  }
  const recorded = state.contributions[scheme] ?? {};
  const fresh = months.filter(
    (m) => !(recorded[m] ?? []).some((e) => e.via === 'paid' && e.region === region && e.baseFen === baseFen),
  );
  const first = fresh[0];
  if (first === undefined) return [];
  const event: ContributionsRecorded = {
    type: 'ContributionsRecorded',
    data: { workerId, scheme, region, months: fresh, baseFen, ...(employerId ? { employerId } : {}) },
    effectiveOn: firstDayOf(first),
  };
  return [event];
}
