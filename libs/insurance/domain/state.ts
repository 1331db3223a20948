import { compareDates, type IsoDate } from '@ledger/kernel';
import { addMonths, compareMonths, monthOf, type YearMonth } from './months';
import type { EnrolmentBasis, Scheme } from './schemes';

/** One place's payment for one month of one scheme. */
export interface ContributionEntry {
  region: string;
  baseFen: number;
  /** Paid there, or carried there by a completed transfer. */
  via: 'paid' | 'transfer';
  transferId?: string;
}

export interface Enrolment {
  scheme: Scheme;
  basis: EnrolmentBasis;
  employerId?: string;
  projectId?: string;
  since: IsoDate;
  ruleId: string;
}

export type TransferStatus = 'requested' | 'letter-issued' | 'funds-received' | 'completed' | 'rejected';

export interface Transfer {
  transferId: string;
  fromScheme: Scheme;
  toScheme: Scheme;
  fromRegion: string;
  toRegion: string;
  requestedOn: IsoDate;
  letterDue?: IsoDate;
  completionDue?: IsoDate;
  /** The pack rule that accepted it (si.transfer.pension, .medical or .any). */
  ruleId: string;
  status: TransferStatus;
  letterId?: string;
  letterIssuedOn?: IsoDate;
  months?: YearMonth[];
  amountFen?: number;
  fundsReceivedOn?: IsoDate;
  completedOn?: IsoDate;
  rejectedOn?: IsoDate;
  reasonCode?: string;
}

export interface InsuranceState {
  workerId?: string;
  /** Per scheme, per month, every place that holds a payment for it. */
  contributions: Partial<Record<Scheme, Record<YearMonth, ContributionEntry[]>>>;
  enrolments: Enrolment[];
  transfers: Record<string, Transfer>;
}

export const initialInsuranceState: InsuranceState = { contributions: {}, enrolments: [], transfers: {} };

export const TRANSFER_IN_FLIGHT: readonly TransferStatus[] = ['requested', 'letter-issued', 'funds-received'];

/** The months a scheme has been paid for, each once however many places paid it (docs/policy-rules.md §3), up to a month if given. */
export function contributionMonths(state: InsuranceState, scheme: Scheme, upTo?: YearMonth): YearMonth[] {
  return Object.keys(state.contributions[scheme] ?? {})
    .filter((m) => (state.contributions[scheme]?.[m]?.length ?? 0) > 0)
    .filter((m) => upTo === undefined || compareMonths(m, upTo) <= 0)
    .sort(compareMonths);
}

/** Months of a scheme paid in more than one place. */
export function monthsPaidTwice(state: InsuranceState, scheme: Scheme): YearMonth[] {
  return contributionMonths(state, scheme).filter((m) => (state.contributions[scheme]?.[m]?.length ?? 0) > 1);
}

/**
 * How many months count for any of `schemes`: months add across places; a month paid in two
 * places (or two of the schemes) counts once unless `countOnce` is false (a pack's choice,
 * si.transfer.terms).
 */
export function countContributionMonths(
  state: InsuranceState,
  schemes: readonly Scheme[],
  options: { upTo?: YearMonth; countOnce?: boolean } = {},
): number {
  const countOnce = options.countOnce ?? true;
  if (countOnce) return new Set(schemes.flatMap((s) => contributionMonths(state, s, options.upTo))).size;
  return schemes
    .flatMap((s) => contributionMonths(state, s, options.upTo).map((m) => state.contributions[s]?.[m]?.length ?? 0))
    .reduce((a, b) => a + b, 0);
}

/**
 * Consecutive months paid (in any of `schemes`, any place) ending with the latest paid month on
 * or before `on`'s month. The current month may not have been collected yet, so a run ending the
 * month before still counts; an earlier gap ends the run (0).
 */
export function continuousContributionMonths(state: InsuranceState, schemes: readonly Scheme[], on: IsoDate): number {
  const paid = new Set(schemes.flatMap((s) => contributionMonths(state, s, monthOf(on))));
  let month = paid.has(monthOf(on)) ? monthOf(on) : addMonths(monthOf(on), -1);
  let run = 0;
  while (paid.has(month)) {
    run++;
    month = addMonths(month, -1);
  }
  return run;
}

/** The schemes the worker is enrolled in on `on`, with how. */
export function enrolmentsOn(state: InsuranceState, on: IsoDate): Enrolment[] {
  return state.enrolments.filter((e) => compareDates(e.since, on) <= 0);
}

/** Transfers requested and neither completed nor rejected, oldest first. */
export function transfersInFlight(state: InsuranceState): Transfer[] {
  return Object.values(state.transfers)
    .filter((t) => TRANSFER_IN_FLIGHT.includes(t.status))
    .sort((a, b) => compareDates(a.requestedOn, b.requestedOn));
}

/** In-flight transfers past a deadline on `on`: the letter not issued by its day, or not completed by its day. */
export function overdueTransfers(state: InsuranceState, on: IsoDate): Transfer[] {
  return transfersInFlight(state).filter(
    (t) =>
      (t.completionDue !== undefined && compareDates(on, t.completionDue) > 0) ||
      (t.status === 'requested' && t.letterDue !== undefined && compareDates(on, t.letterDue) > 0),
  );
}
