/**
 * The personal fields of each event type, as paths into its data (docs/privacy.md): the
 * worker's name, 身份证号, phone and every address. Everything else (dates, area codes, ids)
 * stays clear, so rules and read models keep working on it.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  WorkerRegistered: ['name', 'idNumber', 'phone', 'hukouPlace.address'],
  ContactDetailsChanged: ['phone'],
  WorkerSettled: ['settleAt', 'previousHukouPlace.address'],
  HukouMoved: ['hukouPlace.address', 'previousHukouPlace.address'],
  ResidenceRegistered: ['address.line'],
  AddressChanged: ['address.line'],
};

/**
 * The personal fields of a command a decision event keeps in `metadata.command` (docs/audit.md,
 * re-decide), as paths into the command's data: encrypted as the event's own fields are.
 */
export const PERSONAL_COMMAND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  RegisterWorker: ['name', 'idNumber', 'phone', 'hukouPlace.address'],
  ChangeContactDetails: ['phone'],
  ApplyForSettlement: ['settleAt'],
  RecordHukouMove: ['hukouPlace.address'],
  RegisterResidence: ['address.line'],
  ChangeAddress: ['address.line'],
};

/** The path prefix of a kept command's fields: the associated data names where a field lives. */
export const COMMAND_FIELD_PREFIX = 'metadata.command.data.';

/** The personal fields' paths of the command an event keeps in its metadata, and whose they are. */
export function personalCommandPaths(metadata: unknown): { workerId: string; paths: readonly string[] } | undefined {
  const command = (metadata as { command?: { type?: unknown; data?: { workerId?: unknown } } } | null)?.command;
  const paths = typeof command?.type === 'string' ? PERSONAL_COMMAND_FIELDS[command.type] : undefined;
  const workerId = command?.data?.workerId;
  if (!paths || typeof workerId !== 'string') return undefined;
  return { workerId, paths };
}

/** What a reader gets in place of a field of an erased worker. */
export const ERASED = '[erased]';
/** What a reader gets in place of a field of a restricted worker (PIPL Art. 47: storage only). */
export const RESTRICTED = '[restricted]';

type Json = Record<string, unknown>;

/** The personal fields' paths of an event, and the worker they belong to. */
export function personalPaths(type: string, data: unknown): { workerId: string; paths: readonly string[] } | undefined {
  const paths = PERSONAL_FIELDS[type];
  const workerId = (data as Json | null)?.workerId;
  if (!paths || typeof workerId !== 'string') return undefined;
  return { workerId, paths };
}

/** A deep copy of JSON (structuredClone would make objects of another realm under a test runner's VM). */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

/** A copy of `data` with each string at `paths` replaced by `map(value, path)`. */
export function mapFields(
  data: unknown,
  paths: readonly string[],
  map: (value: string, path: string) => string,
): unknown {
  const out = clone(data) as Json;
  for (const path of paths) {
    const parts = path.split('.');
    let node: Json | undefined = out;
    for (const part of parts.slice(0, -1))
      node = node && typeof node[part] === 'object' ? (node[part] as Json) : undefined;
    const last = parts[parts.length - 1]!;
    if (node && typeof node[last] === 'string') node[last] = map(node[last] as string, path);
  }
  return out;
}
