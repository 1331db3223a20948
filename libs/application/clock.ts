import type { IsoDate } from '@ledger/kernel';

/** The ledger's one clock: the domain never reads it; handlers pass `today` in the context. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The civil date in the city's time zone (docs/architecture.md §3: dates are Asia/Shanghai). */
export function shanghaiDate(instant: Date): IsoDate {
  return SHANGHAI.format(instant);
}
