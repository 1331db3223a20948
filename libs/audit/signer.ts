import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeVerifierKey, formatCheckpoint, noteKeyId } from './offline/verify-bundle';

/** Signs checkpoints as a C2SP signed-note with Ed25519 (node:crypto, no other library needed). */
export class NoteSigner {
  readonly publicKey: Buffer;
  readonly keyId: Buffer;

  constructor(
    /** The note key name, also the checkpoints' origin line. */
    readonly name: string,
    private readonly privateKey: KeyObject,
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be Ed25519');
    if (/[\s+]/.test(name) || !name) throw new Error('the audit log origin must be non-empty, without spaces or "+"');
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    this.publicKey = Buffer.from(jwk.x!, 'base64url');
    this.keyId = noteKeyId(name, this.publicKey);
  }

  static generate(name: string): NoteSigner {
    return new NoteSigner(name, generateKeyPairSync('ed25519').privateKey);
  }

  /** `<name>+<key id>+<base64 key>`: what an auditor saves to verify offline. */
  get verifierKey(): string {
    return encodeVerifierKey(this.name, this.publicKey);
  }

  signNote(text: string): string {
    if (!text.endsWith('\n')) throw new Error('a note text ends with a newline');
    const signature = sign(null, Buffer.from(text, 'utf8'), this.privateKey);
    return `${text}\n\u2014 ${this.name} ${Buffer.concat([this.keyId, signature]).toString('base64')}\n`;
  }

  signCheckpoint(size: number, root: Buffer): string {
    return this.signNote(formatCheckpoint(this.name, size, root));
  }
}

/**
 * The deployment's signer: the PKCS#8 PEM at LEDGER_AUDIT_KEY_FILE, or the development key in the
 * data folder, which `generate` (npm start) creates on first run. The origin is LEDGER_AUDIT_ORIGIN.
 */
export function loadSigner(
  env: NodeJS.ProcessEnv,
  options: { jurisdiction: string; generate: boolean },
): NoteSigner | undefined {
  const name = env.LEDGER_AUDIT_ORIGIN ?? `ledger.example.gov.cn/${options.jurisdiction}`;
  const file = env.LEDGER_AUDIT_KEY_FILE ?? join(env.LEDGER_DATA_DIR ?? './.ledger-data', 'audit-signing-key.pem');
  if (!existsSync(file)) {
    if (env.LEDGER_AUDIT_KEY_FILE || !options.generate) {
      if (env.LEDGER_AUDIT_KEY_FILE) throw new Error(`LEDGER_AUDIT_KEY_FILE ${file} does not exist`);
      return undefined;
    }
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  return new NoteSigner(name, createPrivateKey(readFileSync(file)));
}
