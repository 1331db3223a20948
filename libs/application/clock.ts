import { ConfigurationError } from '@ledger/config';
import { isIsoDate, type IsoDate } from '@ledger/kernel';

/**
 * The ledger's one clock (docs/architecture.md §3). The domain never reads it: the API, the
 * projector's process managers and the CLI ask it for the city's `today()` and pass that date
 * into each decision. `now()` is the instant, for what is measured in time rather than decided
 * by date (credential expiry, latency).
 */
export interface Clock {
  now(): Date;
  /** The city's civil date (Asia/Shanghai). */
  today(): IsoDate;
  /** Set when the date is fixed by LEDGER_TODAY (shown on /health). */
  readonly fixedToday?: IsoDate;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The civil date in the city's time zone (docs/architecture.md §3: dates are Asia/Shanghai). */
export function shanghaiDate(instant: Date): IsoDate {
  return SHANGHAI.format(instant);
}

/** The machine's clock, read in the city's time zone. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => shanghaiDate(new Date()),
};

/** A clock whose date stands still: tests, demonstrations and acceptance runs. */
export function fixedDateClock(today: IsoDate): Clock {
  if (!isIsoDate(today)) throw new RangeError(`"${today}" is not a calendar date (YYYY-MM-DD)`);
  return { now: () => new Date(), today: () => today, fixedToday: today };
}

/** Raised when the environment asks for a clock the deployment may not have. */
export class ClockConfigurationError extends ConfigurationError {
  constructor(message: string) {
    super(message, ['LEDGER_TODAY']);
  }
}

/**
 * The clock the environment asks for. `LEDGER_TODAY=YYYY-MM-DD` fixes the city's date for a
 * demonstration or an acceptance run; a production deployment (`NODE_ENV=production`) refuses
 * it, so no live counter ever decides on a date someone typed.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.LEDGER_TODAY?.trim();
  if (!fixed) return systemClock;
  if (env.NODE_ENV === 'production') {
    throw new ClockConfigurationError(
      'LEDGER_TODAY is set, but NODE_ENV=production: a production ledger decides by the real date. Unset LEDGER_TODAY.',
    );
  }
  if (!isIsoDate(fixed)) {
    throw new ClockConfigurationError(`LEDGER_TODAY="${fixed}" is not a calendar date (YYYY-MM-DD)`);
  }
  return fixedDateClock(fixed);
}
