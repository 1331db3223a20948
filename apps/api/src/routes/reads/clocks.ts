import type { RecordedEvent } from '@ledger/event-store';
import { shanghaiDate } from '@ledger/application';
import { isIsoDate } from '@ledger/kernel';
import { invalidInput } from '../../problem/validation-errors';

/**
 * The two clocks of docs/architecture.md principle 9. `asOf`: what was true in the world on that day
 * (events that had taken effect by then). `knownAt`: what the ledger knew at that instant
 * (events recorded by then). Either may be absent: no limit on that clock.
 */
export interface Clocks {
  asOf?: string;
  /** Microseconds since the epoch, inclusive. */
  knownAtMicros?: bigint;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Microseconds of an ISO instant; without an offset it is read in the city's zone (Asia/Shanghai). */
export function instantMicros(value: string): bigint | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m || !isIsoDate(m[1]!)) return undefined;
  const [, date, hh, mm, ss = '00', fraction = '', offset = '+08:00'] = m;
  const millis = Date.parse(`${date}T${hh}:${mm}:${ss}${offset}`);
  if (Number.isNaN(millis)) return undefined;
  return BigInt(millis) * 1000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

/** A day in Asia/Shanghai runs to the last microsecond before the next day's midnight there. */
function endOfShanghaiDay(date: string): bigint {
  return BigInt(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000) * 1000n - 1n;
}

/** Parses `asOf` (YYYY-MM-DD) and `knownAt` (a date, or an ISO timestamp): 400 when malformed. */
export function parseClocks(asOf: string | undefined, knownAt: string | undefined): Clocks {
  const clocks: Clocks = {};
  if (asOf !== undefined) {
    if (!isIsoDate(asOf))
      throw invalidInput({ parameter: 'asOf' }, { zh: 'asOf 必须是 YYYY-MM-DD 格式的日期', en: 'asOf must be a date YYYY-MM-DD' });
    clocks.asOf = asOf;
  }
  if (knownAt !== undefined) {
    const micros = isIsoDate(knownAt) ? endOfShanghaiDay(knownAt) : instantMicros(knownAt);
    if (micros === undefined) {
      throw invalidInput(
        { parameter: 'knownAt' },
        { zh: 'knownAt 必须是 YYYY-MM-DD 格式的日期或 ISO 8601 时间', en: 'knownAt must be a date YYYY-MM-DD or an ISO 8601 timestamp' },
      );
    }
    clocks.knownAtMicros = micros;
  }
  return clocks;
}

/** The day an event took effect: its effectiveOn, or else the day it was recorded in Asia/Shanghai. */
export function effectiveDate(event: RecordedEvent): string {
  return event.metadata.effectiveOn ?? shanghaiDate(new Date(event.recordedAt));
}

export function recordedBy(event: RecordedEvent, clocks: Clocks): boolean {
  return clocks.knownAtMicros === undefined || (instantMicros(event.recordedAt) ?? 0n) <= clocks.knownAtMicros;
}

export function inEffectBy(event: RecordedEvent, clocks: Clocks): boolean {
  return clocks.asOf === undefined || effectiveDate(event) <= clocks.asOf;
}

/** The ISO form of a knownAt for the response (microsecond precision). */
export function microsToIso(micros: bigint): string {
  const millis = Number(micros / 1000n);
  const rest = Number(micros % 1000n);
  return new Date(millis).toISOString().replace('Z', `${String(rest).padStart(3, '0')}Z`);
}
