import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM through node:crypto (no library needed: the runtime's OpenSSL does it). Every
 * ciphertext is `iv (12) ‖ ciphertext ‖ tag (16)` with associated data that binds it to its
 * worker and place, so a value moved to another worker or field does not decrypt.
 */
function seal(key: Buffer, plaintext: Buffer, aad: string, iv: Buffer = randomBytes(12)): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 28) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

/** Wrapped data key format 1: `0x01 ‖ iv ‖ ciphertext(32) ‖ tag`, associated data names the worker. */
export const WRAP_FORMAT = 1;

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function wrapDataKey(masterKey: Buffer, dataKey: Buffer, workerId: string): Buffer {
  return Buffer.concat([Buffer.from([WRAP_FORMAT]), seal(masterKey, dataKey, `ledger-data-key|1|${workerId}`)]);
}

export function unwrapDataKey(masterKey: Buffer, wrapped: Buffer, workerId: string): Buffer {
  if (wrapped[0] !== WRAP_FORMAT) throw new Error(`unknown wrapped data key format ${wrapped[0]}`);
  return open(masterKey, wrapped.subarray(1), `ledger-data-key|1|${workerId}`);
}

/** A personal field as stored, format 1: `pii1.` and the base64url of `iv ‖ ciphertext ‖ tag`. */
export const FIELD_PREFIX = 'pii1.';

export function isEncryptedField(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(FIELD_PREFIX);
}

const fieldAad = (workerId: string, path: string) => `ledger-field|1|${workerId}|${path}`;

/**
 * The nonce is synthetic: HMAC-SHA-256(data key, event id, path, plaintext), first 12 bytes. The
 * same event encrypts to the same bytes (a retried append is recognised as the same event), and
 * two different plaintexts never share a nonce under one key.
 */
export function encryptField(
  dataKey: Buffer,
  workerId: string,
  eventId: string,
  path: string,
  plaintext: string,
): string {
  const iv = createHmac('sha256', dataKey)
    .update(`nonce|1|${eventId}|${path}|${plaintext}`, 'utf8')
    .digest()
    .subarray(0, 12);
  return (
    FIELD_PREFIX + seal(dataKey, Buffer.from(plaintext, 'utf8'), fieldAad(workerId, path), iv).toString('base64url')
  );
}

export function decryptField(dataKey: Buffer, workerId: string, path: string, stored: string): string {
  return open(dataKey, Buffer.from(stored.slice(FIELD_PREFIX.length), 'base64url'), fieldAad(workerId, path)).toString(
    'utf8',
  );
}

/**
 * The keyed blind index of a 身份证号: HMAC-SHA-256 under its own key, over the number with a
 * lower-case x upper-cased. Without the key nobody can test the ~10^11 valid numbers against it.
 */
export function blindIndex(indexKey: Buffer, idNumber: string): Buffer {
  return createHmac('sha256', indexKey).update(`id-number|1|${idNumber.toUpperCase()}`, 'utf8').digest();
}
