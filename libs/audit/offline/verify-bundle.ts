/*
 * The auditor's offline verifier: a proof bundle (docs/audit.md) checked with nothing but Node.
 * This file imports only Node's own modules, so its compiled form
 * (dist/libs/audit/offline/verify-bundle.js) runs on its own:
 *
 *   node verify-bundle.js bundle.json --public-key ledger-audit.vkey
 *
 * Exit 0: verified; 1: it could not run (unreadable file, bad arguments); 2: the bundle is rejected.
 * The ledger's own code imports the hashing and proof checks from here, so there is one copy.
 */
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFileSync } from 'node:fs';

// ---------------------------------------------------------------------------------------------
// RFC 9162 §2.1.1: leaves and interior nodes are hashed with distinct prefixes (0x00 / 0x01).

export function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export function leafHash(entry: Buffer): Buffer {
  return sha256(LEAF_PREFIX, entry);
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** RFC 9162 §2.1.3.2: does `path` prove the leaf at `index` in the tree of `size` with `root`? */
export function verifyInclusion(index: number, size: number, leaf: Buffer, path: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** RFC 9162 §2.1.4.2: is the tree of `second` size an append-only extension of the `first`? */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0; // the empty tree is a prefix of every tree
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0n;
}

// ---------------------------------------------------------------------------------------------
// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519, and C2SP tlog-checkpoint.

const ED25519 = 0x01;
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The note key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function noteKeyId(name: string, publicKey: Buffer): Buffer {
  return sha256(Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), publicKey).subarray(0, 4);
}

export interface VerifierKey {
  name: string;
  keyId: Buffer;
  publicKey: Buffer;
}

/** The note verifier key text: `<name>+<key id, 8 hex digits>+<base64(0x01 ‖ public key)>`. */
export function encodeVerifierKey(name: string, publicKey: Buffer): string {
  return `${name}+${noteKeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString('base64')}`;
}

export function parseVerifierKey(text: string): VerifierKey {
  const m = /^([^+\s]+)\+([0-9a-fA-F]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(text.trim());
  if (!m) throw new Error('a verifier key is <name>+<8 hex digits key id>+<base64 key>');
  const [, name, hexId, b64] = m as unknown as [string, string, string, string];
  const raw = Buffer.from(b64, 'base64');
  if (!name || /[\s+]/.test(name)) throw new Error('the key name is empty or holds a space or "+"');
  if (raw.length !== 33 || raw[0] !== ED25519) throw new Error('only Ed25519 verifier keys (type 0x01) are accepted');
  const publicKey = raw.subarray(1);
  const keyId = noteKeyId(name, publicKey);
  if (keyId.toString('hex') !== hexId.toLowerCase()) throw new Error('the key id does not match the key');
  return { name, keyId, publicKey };
}

/**
 * Checks a signed note against one key and returns its text (the signed part). A note is
 * accepted only with a valid signature by this key; other signers' lines are ignored.
 */
export function openNote(note: string, key: VerifierKey): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('not a signed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const spki = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key.publicKey]), format: 'der', type: 'spki' });
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) throw new Error(`malformed signature line: ${JSON.stringify(line)}`);
    if (m[1] !== key.name) continue;
    const sig = Buffer.from(m[2]!, 'base64');
    if (sig.length !== 68 || !sig.subarray(0, 4).equals(key.keyId)) continue;
    if (verifySignature(null, Buffer.from(text, 'utf8'), spki, sig.subarray(4))) return text;
    throw new Error(`the signature by ${key.name} does not verify`);
  }
  throw new Error(`the note carries no signature by ${key.name}+${key.keyId.toString('hex')}`);
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions: string[];
}

/** The body of a C2SP tlog-checkpoint: origin, tree size, base64 root hash, optional extension lines. */
export function formatCheckpoint(origin: string, size: number, root: Buffer): string {
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new Error('a checkpoint has at least three lines');
  const [origin, size, root] = lines as [string, string, string];
  if (!origin) throw new Error('the checkpoint has no origin');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw new Error('the tree size is not a decimal');
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new Error('the root hash is not 32 bytes of base64');
  return { origin, size: Number(size), root: rootHash, extensions: lines.slice(3, -1) };
}

// ---------------------------------------------------------------------------------------------
// The events: RFC 8785 canonical JSON and the stream hash chain of docs/event-hash.md (format 1).

/** RFC 8785 (JCS) for JSON as JSON.parse returns it: sorted keys, ECMAScript numbers, no white space. */
export function jcs(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  const entries = Object.keys(value)
    .sort() // UTF-16 code unit order, as RFC 8785 §3.2.3 asks
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${jcs((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export interface BundleEvent {
  globalPosition: number;
  leafIndex: number;
  streamName: string;
  streamRevision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
  hashFormat: number;
  prevHash: string | null;
  hash: string;
  /** RFC 9162 inclusion path to the bundle's checkpoint, hex, leaf upwards. */
  inclusion: string[];
}

/** µs since the epoch from ISO 8601 UTC with up to six fractional digits. */
function isoMicros(iso: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(iso);
  if (!m) throw new Error(`not an ISO UTC timestamp: ${iso}`);
  const ms = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${iso}`);
  return (BigInt(ms) / 1000n) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0'));
}

/** Format 1 of docs/event-hash.md: the event's hash from its stored content and its predecessor's hash. */
export function eventHash(e: Omit<BundleEvent, 'inclusion' | 'leafIndex' | 'globalPosition' | 'hash'>): Buffer {
  if (e.hashFormat !== 1) throw new Error(`unknown hash format ${e.hashFormat}`);
  const content =
    `{"data":${jcs(e.data)},"eventId":${JSON.stringify(e.eventId)},"metadata":${jcs(e.metadata)},` +
    `"schemaVersion":${e.schemaVersion},"stream":${JSON.stringify(e.streamName)},"type":${JSON.stringify(e.type)}}`;
  const header = Buffer.alloc(49);
  header.writeUInt8(1, 0);
  (e.prevHash === null ? Buffer.alloc(32) : hex32(e.prevHash, 'prevHash')).copy(header, 1);
  header.writeBigUInt64BE(BigInt(e.streamRevision), 33);
  header.writeBigInt64BE(isoMicros(e.recordedAt), 41);
  return sha256(header, sha256(Buffer.from(content, 'utf8')));
}

function hex32(text: unknown, what: string): Buffer {
  if (typeof text !== 'string' || !/^[0-9a-f]{64}$/.test(text)) throw new Error(`${what} is not 32 bytes of lower-case hex`);
  return Buffer.from(text, 'hex');
}

// ---------------------------------------------------------------------------------------------
// The bundle.

export const BUNDLE_FORMAT = 'entitlement-ledger-audit-bundle/1';

export interface AuditBundle {
  format: typeof BUNDLE_FORMAT;
  subject: { workerId: string };
  exportedAt: string;
  /** The signed checkpoint every inclusion proof leads to (C2SP signed-note text). */
  checkpoint: string;
  /** Every event of the subject's streams up to the checkpoint, by stream, in revision order. */
  streams: { streamName: string; events: BundleEvent[] }[];
}

export interface BundleVerdict {
  ok: boolean;
  /** What was verified, or why the bundle is rejected. */
  message: string;
  events: number;
  streams: number;
  treeSize?: number;
}

/**
 * Verifies a bundle against the ledger's verifier key: the checkpoint's signature, each stream's
 * chain from revision 0 without gaps, each event's inclusion in the signed tree, and that no two
 * events claim one leaf and that leaf order follows stream order.
 */
export function verifyBundle(bundle: unknown, key: VerifierKey): BundleVerdict {
  let events = 0;
  let streams = 0;
  const reject = (message: string, treeSize?: number): BundleVerdict => ({ ok: false, message, events, streams, treeSize });
  try {
    const b = bundle as AuditBundle;
    if (!b || typeof b !== 'object' || b.format !== BUNDLE_FORMAT) return reject(`not a ${BUNDLE_FORMAT} bundle`);
    if (typeof b.checkpoint !== 'string') return reject('the bundle has no checkpoint');
    const checkpoint = parseCheckpoint(openNote(b.checkpoint, key));
    // The ledger names its key after its log's origin: a checkpoint of another log is not this one's.
    if (checkpoint.origin !== key.name) return reject(`the checkpoint is of log ${checkpoint.origin}, not ${key.name}`);
    if (!Array.isArray(b.streams) || b.streams.length === 0) return reject('the bundle holds no stream', checkpoint.size);
    const leaves = new Set<number>();
    for (const stream of b.streams) {
      if (!stream || typeof stream.streamName !== 'string' || !Array.isArray(stream.events)) return reject('a stream entry is malformed');
      let prev: string | null = null;
      let lastLeaf = -1;
      for (const [revision, e] of stream.events.entries()) {
        const at = `${stream.streamName} revision ${revision}`;
        if (!e || e.streamName !== stream.streamName) return reject(`${at}: the event belongs to another stream`);
        if (e.streamRevision !== revision) return reject(`${at}: found revision ${String(e.streamRevision)}; an event is missing, added or out of order`);
        if (e.prevHash !== prev) return reject(`${at}: prevHash does not name the previous event's hash`);
        const hash = eventHash(e);
        if (!hash.equals(hex32(e.hash, `${at} hash`))) return reject(`${at}: the hash does not match the event's content`);
        if (!Number.isSafeInteger(e.leafIndex) || leaves.has(e.leafIndex)) return reject(`${at}: leaf ${String(e.leafIndex)} is claimed twice or is not a number`);
        if (e.leafIndex <= lastLeaf) return reject(`${at}: the log holds this event before its predecessor`);
        if (!Array.isArray(e.inclusion)) return reject(`${at}: no inclusion proof`);
        const path = e.inclusion.map((h, i) => hex32(h, `${at} inclusion[${i}]`));
        if (!verifyInclusion(e.leafIndex, checkpoint.size, leafHash(hash), path, checkpoint.root)) {
          return reject(`${at}: the inclusion proof does not lead to the signed root of tree size ${checkpoint.size}`, checkpoint.size);
        }
        leaves.add(e.leafIndex);
        lastLeaf = e.leafIndex;
        prev = e.hash;
        events++;
      }
      streams++;
    }
    return {
      ok: true,
      message: `verified: ${events} event(s) in ${streams} stream(s), each in the tree of size ${checkpoint.size} signed by ${key.name}`,
      events,
      streams,
      treeSize: checkpoint.size,
    };
  } catch (error) {
    return reject((error as Error).message);
  }
}

function main(argv: string[]): number {
  const keyAt = argv.indexOf('--public-key');
  const file = argv.find((a, i) => !a.startsWith('--') && i !== keyAt + 1);
  if (!file || keyAt < 0 || !argv[keyAt + 1]) {
    console.error('usage: node verify-bundle.js <bundle.json> --public-key <verifier key file>');
    return 1;
  }
  let bundle: unknown;
  let key: VerifierKey;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
    key = parseVerifierKey(readFileSync(argv[keyAt + 1]!, 'utf8'));
  } catch (error) {
    console.error(`cannot read the bundle or the key: ${(error as Error).message}`);
    return 1;
  }
  const verdict = verifyBundle(bundle, key);
  console.log(verdict.ok ? verdict.message : `REJECTED: ${verdict.message}`);
  return verdict.ok ? 0 : 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
