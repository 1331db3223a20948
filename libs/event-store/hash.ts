import { createHash } from 'node:crypto';
// RFC 8785 JSON Canonicalization Scheme: sorted keys, ECMAScript number form, no white space.
import canonicalize from 'canonicalize';

/** The encoding format this code writes; old formats stay verifiable. See docs/event-hash.md. */
export const HASH_FORMAT = 1;
const ZERO_HASH = Buffer.alloc(32);

export interface HashedContent {
  eventId: string;
  streamName: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

/** RFC 8785 text of one JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value is not JSON');
  return text;
}

/**
 * The canonical bytes of what a writer says (format 1): the RFC 8785 form of
 * { data, eventId, metadata, schemaVersion, stream, type }. JCS sorts keys, and these are in
 * sorted order, so the text is assembled from the parts' canonical forms, which the writer also
 * sends to the database; it equals canonicalising the whole object (tested).
 */
export function canonicalContent(event: HashedContent, parts?: { data: string; metadata: string }): Buffer {
  const data = parts?.data ?? canonicalJson(event.data);
  const metadata = parts?.metadata ?? canonicalJson(event.metadata);
  const text =
    `{"data":${data},"eventId":${JSON.stringify(event.eventId)},"metadata":${metadata},` +
    `"schemaVersion":${event.schemaVersion},"stream":${JSON.stringify(event.streamName)},"type":${JSON.stringify(event.type)}}`;
  return Buffer.from(text, 'utf8');
}

export function contentDigest(event: HashedContent, parts?: { data: string; metadata: string }): Buffer {
  return createHash('sha256').update(canonicalContent(event, parts)).digest();
}

/**
 * Format 1: SHA-256( 0x01 ‖ prevHash (32 bytes, zeros for revision 0) ‖ revision (u64 BE)
 *                    ‖ recordedAt µs since 1970 (i64 BE) ‖ SHA-256(canonical content) ).
 * The PostgreSQL adapter computes the same bytes in SQL (event_store.append_events).
 */
export function chainHash(prevHash: Buffer | null, revision: number, recordedAtMicros: bigint, digest: Buffer): Buffer {
  const header = Buffer.alloc(1 + 32 + 8 + 8);
  header.writeUInt8(HASH_FORMAT, 0);
  (prevHash ?? ZERO_HASH).copy(header, 1);
  header.writeBigUInt64BE(BigInt(revision), 33);
  header.writeBigInt64BE(recordedAtMicros, 41);
  return createHash('sha256').update(header).update(digest).digest();
}

/** ISO 8601 UTC with microseconds from µs since the epoch. */
export function microsToIso(micros: bigint): string {
  const ms = micros / 1000n;
  const rest = Number(((micros % 1000n) + 1000n) % 1000n);
  const iso = new Date(Number(ms)).toISOString(); // ...ss.mmmZ
  return `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

/** µs since the epoch from an ISO string with up to six fractional digits. */
export function isoToMicros(iso: string): bigint {
  const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(iso);
  if (!m) throw new Error(`not an ISO UTC timestamp: ${iso}`);
  const seconds = BigInt(Date.parse(`${m[1]}Z`)) / 1000n;
  const fraction = BigInt((m[2] ?? '').padEnd(6, '0'));
  return seconds * 1_000_000n + fraction;
}
