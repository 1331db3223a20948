import { shanghaiDate } from '@ledger/application';
import { isIsoDate } from '@ledger/kernel';
import { ID_NUMBER_OWNERS } from './departments';

// GB 11643-1999 §8.2: ISO 7064 MOD 11-2, weights 2^(17-i) mod 11, remainder → check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// GB/T 2260 province codes (71 台湾, 81 香港, 82 澳门, 83 for 台湾居民居住证), and 9 which the 2023
// 外国人永久居留身份证 uses in the same 18-character scheme.
const PROVINCE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3]|9\d)$/;

/** The GB 11643 check character for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17[i]), 0);
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'region' | 'birth-date' | 'check-digit';

/**
 * Why an 18-character 公民身份号码 is not valid, or null when it is: 17 digits and a check
 * character (uppercase X for ten), a province code, a birth date that exists and is not after
 * `today` (Asia/Shanghai) nor before 1800 (the standard's own example is born in 1880), and the ISO 7064 MOD 11-2 check character.
 */
export function idNumberProblem(value: unknown, today: string = shanghaiDate(new Date())): IdNumberProblem | null {
  if (typeof value !== 'string' || !/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!PROVINCE.test(value.slice(0, 2))) return 'region';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1800-01-01' || birth > today) return 'birth-date';
  if (idNumberCheckCharacter(value) !== value[17]) return 'check-digit';
  return null;
}

/**
 * Whether `text` holds a 公民身份号码 anywhere (an 18-character run that passes GB 11643, a lower-
 * case x read as X), whatever its birth date. An id that becomes part of a stream name is shown
 * in clear to every department and in the feed, where ID numbers must be masked (issue 16).
 */
export function containsIdNumber(text: string): boolean {
  const upper = text.toUpperCase();
  for (let i = 0; i + 18 <= upper.length; i++) {
    if (idNumberProblem(upper.slice(i, i + 18), '9999-12-31') === null) return true;
  }
  return false;
}

export function isChineseIdNumber(value: unknown, today?: string): value is string {
  return idNumberProblem(value, today) === null;
}

/** `310101199001011234` → `3101**********1234`: the first four and last four characters kept. */
export function maskIdNumber(idNumber: string): string {
  // `[erased]` and `[restricted]` (docs/privacy.md) hide nothing and say why: shown as they are.
  if (idNumber === '[erased]' || idNumber === '[restricted]') return idNumber;
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}

/** `idNumber`, and names ending in it (`guardianIdNumber`), hold 身份证号. */
export function isIdNumberField(key: string): boolean {
  return key === 'idNumber' || key.endsWith('IdNumber');
}

export function seesIdNumbers(department: string | undefined | null): boolean {
  return (
    department !== undefined && department !== null && (ID_NUMBER_OWNERS as readonly string[]).includes(department)
  );
}

/** Values that are sent as they are, never walked: streams, files, binary, dates, collections. */
function opaque(value: object): boolean {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp)
    return true;
  if (value instanceof Map || value instanceof Set || value instanceof Promise || value instanceof Error) return true;
  const v = value as { pipe?: unknown; getReader?: unknown; getStream?: unknown };
  return typeof v.pipe === 'function' || typeof v.getReader === 'function' || typeof v.getStream === 'function';
}

function mask(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object' || opaque(value) || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => mask(item, seen));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let changed = false;
  const entries = Object.entries(value).map(([key, inner]) => {
    const masked = isIdNumberField(key) && typeof inner === 'string' ? maskIdNumber(inner) : mask(inner, seen);
    if (masked !== inner) changed = true;
    return [key, masked] as const;
  });
  if (!changed) return value;
  // A class instance keeps its prototype (toJSON, getters); a plain object stays plain.
  return Object.assign(
    Object.create(Object.getPrototypeOf(value) as object | null) as object,
    Object.fromEntries(entries),
  );
}

/**
 * `value` with every 身份证号 field masked at any depth. Objects with nothing to mask are
 * returned as they are, so streams, files and SSE events pass through untouched.
 */
export function maskIdNumbersDeep<T>(value: T): T {
  return mask(value, new WeakSet()) as T;
}

/** The response as `department` may see it: ID numbers in clear only for their owners (docs/architecture.md §2, read models). */
export function maskIdNumbersFor<T>(department: string | undefined | null, value: T): T {
  return seesIdNumbers(department) ? value : maskIdNumbersDeep(value);
}
