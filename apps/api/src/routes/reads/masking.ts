/** `[erased]` and `[restricted]` (docs/privacy.md) are shown as they are: they hide nothing and say why. */
const isPrivacyMarker = (value: string) => value === '[erased]' || value === '[restricted]';

/** `310101199001011234` → `3101**********1234`: the first four and last four kept (docs/architecture.md §2, read models). */
export function maskIdNumber(idNumber: string): string {
  if (isPrivacyMarker(idNumber)) return idNumber;
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}

/** `13800000001` → `138****0001`. */
export function maskPhone(phone: string): string {
  if (isPrivacyMarker(phone)) return phone;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** `张伟` → `张*`: the family name is kept, so a clerk can still address the letter. */
export function maskName(name: string): string {
  if (isPrivacyMarker(name)) return name;
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every `idNumber` (or `…IdNumber`) field masked, at any depth. */
export function maskIdNumbersDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => maskIdNumbersDeep(item)) as T;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      (key === 'idNumber' || key.endsWith('IdNumber')) && typeof inner === 'string'
        ? maskIdNumber(inner)
        : maskIdNumbersDeep(inner);
  }
  return out as T;
}

/**
 * A worker's personal fields as a non-owning department sees them (principle 11 lists name,
 * 身份证号, phone and address): masked, with ids, dates and codes left as they are.
 */
export function maskPersonalFields<T>(data: T): T {
  const masked = maskIdNumbersDeep(data);
  if (!isObject(masked)) return masked;
  const out: Record<string, unknown> = { ...masked };
  if (typeof out.name === 'string') out.name = maskName(out.name);
  if (typeof out.phone === 'string') out.phone = maskPhone(out.phone);
  if (isObject(out.hukouPlace) && typeof out.hukouPlace.address === 'string' && !isPrivacyMarker(out.hukouPlace.address)) {
    out.hukouPlace = { ...out.hukouPlace, address: '***' };
  }
  // A residence address keeps its district code (services are per district), not its line.
  if (isObject(out.address) && typeof out.address.line === 'string' && !isPrivacyMarker(out.address.line)) out.address = { ...out.address, line: '***' };
  return out as T;
}

/** The events that carry a worker's personal data: contact details and home address. */
export const PERSONAL_EVENT_TYPES: ReadonlySet<string> = new Set([
  'WorkerRegistered',
  'ContactDetailsChanged',
  'ResidenceRegistered',
  'AddressChanged',
]);

/** An event's data as `seesPersonal` allows: personal events masked, 身份证号 masked everywhere. */
export function eventDataFor(type: string, data: unknown, seesPersonal: boolean): unknown {
  if (seesPersonal) return data;
  return PERSONAL_EVENT_TYPES.has(type) ? maskPersonalFields(data) : maskIdNumbersDeep(data);
}
