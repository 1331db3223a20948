import { InvalidAppend } from './errors';
import { canonicalJsonOf } from './canonical-json';
import type { EventToAppend, ExpectedRevision, JsonObject } from './port';

export const MAX_STREAM_NAME_LENGTH = 200;
export const MAX_EVENT_BYTES = 1024 * 1024;
export const MAX_EVENTS_PER_APPEND = 1000;

const STREAM_NAME = /^[A-Za-z0-9][\x21-\x7e]*$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A proposed event after validation: ids lower-cased, defaults filled in. */
export interface ValidEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: JsonObject;
  /** RFC 8785 text of data and metadata: what is stored, and what the hash covers. */
  canonical: { data: string; metadata: string };
}

export function validateStreamName(streamName: unknown): string {
  if (typeof streamName !== 'string' || streamName.length === 0) {
    throw new InvalidAppend('streamName', 'must be a non-empty string');
  }
  if (streamName.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidAppend('streamName', `must be at most ${MAX_STREAM_NAME_LENGTH} characters`);
  }
  if (!STREAM_NAME.test(streamName)) {
    throw new InvalidAppend('streamName', 'printable ASCII without spaces, starting with a letter or digit');
  }
  return streamName;
}

export function validateExpectedRevision(expected: unknown): ExpectedRevision {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new InvalidAppend(
    'expectedRevision',
    `must be 'no_stream', 'stream_exists', 'any' or a revision >= 0, not ${JSON.stringify(expected) ?? String(expected)}`,
  );
}

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function assertObject(value: unknown, path: string): asserts value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidAppend(path, 'must be a JSON object');
  }
  // The contents are checked while they are canonicalised (canonical-json.ts), in one pass.
}

function optionalString(metadata: JsonObject, key: string, path: string): void {
  const value = metadata[key];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw new InvalidAppend(`${path}.${key}`, 'must be a string of 1 to 200 characters');
  }
}

export function validateEvent(event: EventToAppend<unknown>, index: number): ValidEvent {
  const path = `events[${index}]`;
  if (typeof event !== 'object' || event === null) throw new InvalidAppend(path, 'must be an object');
  if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
    throw new InvalidAppend(`${path}.eventId`, 'must be a UUID');
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw new InvalidAppend(`${path}.type`, 'must be a name like PermitIssued (letters, digits, _ . : -)');
  }
  const schemaVersion = event.schemaVersion ?? 1;
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > 32767) {
    throw new InvalidAppend(`${path}.schemaVersion`, 'must be an integer from 1 to 32767');
  }
  assertObject(event.data, `${path}.data`);
  assertObject(event.metadata, `${path}.metadata`);
  const metadata = event.metadata as JsonObject;
  const actor = metadata.actor as JsonObject | undefined;
  if (
    typeof actor !== 'object' ||
    actor === null ||
    typeof actor.department !== 'string' ||
    actor.department.length === 0 ||
    typeof actor.principal !== 'string' ||
    actor.principal.length === 0
  ) {
    throw new InvalidAppend(`${path}.metadata.actor`, 'must name a department and a principal');
  }
  optionalString(metadata, 'correlationId', `${path}.metadata`);
  optionalString(metadata, 'causationId', `${path}.metadata`);
  if (metadata.effectiveOn !== undefined) {
    if (typeof metadata.effectiveOn !== 'string' || !isValidIsoDate(metadata.effectiveOn)) {
      throw new InvalidAppend(`${path}.metadata.effectiveOn`, 'must be a calendar date YYYY-MM-DD');
    }
  }
  const eventId = event.eventId.toLowerCase();
  const fullMetadata = { correlationId: eventId, causationId: null, ...metadata };
  const canonical = { data: canonicalJsonOf(event.data, `${path}.data`), metadata: canonicalJsonOf(fullMetadata, `${path}.metadata`) };
  const size = Buffer.byteLength(canonical.data) + Buffer.byteLength(canonical.metadata);
  if (size > MAX_EVENT_BYTES) {
    throw new InvalidAppend(path, `is ${size} bytes; an event may be at most ${MAX_EVENT_BYTES} bytes`);
  }
  return { eventId, type: event.type, schemaVersion, data: event.data as JsonObject, metadata: fullMetadata, canonical };
}

export function validateAppend(
  streamName: unknown,
  events: unknown,
  expectedRevision: unknown,
): { streamName: string; events: ValidEvent[]; expectedRevision: ExpectedRevision } {
  const name = validateStreamName(streamName);
  const expected = validateExpectedRevision(expectedRevision);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppend('events', 'must be a non-empty array');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppend('events', `at most ${MAX_EVENTS_PER_APPEND} events per append`);
  }
  const valid = events.map((e, i) => validateEvent(e as EventToAppend<unknown>, i));
  const ids = new Set(valid.map((e) => e.eventId));
  if (ids.size !== valid.length) throw new InvalidAppend('events', 'the same eventId appears twice in one append');
  return { streamName: name, events: valid, expectedRevision: expected };
}
