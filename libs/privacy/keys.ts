import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The keys of the personal-data layer (docs/privacy.md): master keys that wrap each worker's data
 * key (the last one listed is current; older ones stay to unwrap until `ledger privacy rotate`
 * re-wraps), and the blind-index key that turns a 身份证号 into its HMAC.
 */
export interface PrivacyKeys {
  masterKeys: ReadonlyMap<string, Buffer>;
  currentMasterKeyId: string;
  indexKey: Buffer;
}

/** A master key file: one `<id> <base64 of 32 bytes>` per line, the last line is current. */
export function parseMasterKeyFile(
  text: string,
  file = 'master key file',
): { keys: Map<string, Buffer>; current: string } {
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [id, b64] = line.split(/\s+/);
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !/^[\w.-]{1,40}$/.test(id) || key.length !== 32)
      throw new Error(`${file}: each line is "<id> <base64 of 32 bytes>"`);
    keys.set(id, key);
    current = id;
  }
  if (!current) throw new Error(`${file}: no master key`);
  return { keys, current };
}

function keyFiles(env: NodeJS.ProcessEnv): { master: string; index: string } {
  const dir = env.LEDGER_DATA_DIR ?? './.ledger-data';
  return {
    master: env.LEDGER_PRIVACY_MASTER_KEY_FILE ?? join(dir, 'privacy-master-keys'),
    index: env.LEDGER_PRIVACY_INDEX_KEY_FILE ?? join(dir, 'privacy-index-key'),
  };
}

function newKeyLine(id: string): string {
  return `${id} ${randomBytes(32).toString('base64')}\n`;
}

/**
 * The deployment's keys: LEDGER_PRIVACY_MASTER_KEY_FILE and LEDGER_PRIVACY_INDEX_KEY_FILE, or the
 * development keys in the data folder, which `generate` (npm start) creates on first run, as the
 * audit signing key is. A configured file that does not exist is an error, never replaced.
 */
export function loadPrivacyKeys(env: NodeJS.ProcessEnv, options: { generate: boolean }): PrivacyKeys {
  const files = keyFiles(env);
  for (const [file, configured, content] of [
    [files.master, env.LEDGER_PRIVACY_MASTER_KEY_FILE, () => newKeyLine('m1')],
    [files.index, env.LEDGER_PRIVACY_INDEX_KEY_FILE, () => `${randomBytes(32).toString('base64')}\n`],
  ] as const) {
    if (existsSync(file)) continue;
    if (configured) throw new Error(`${file} does not exist`);
    if (!options.generate)
      throw new Error(
        `no privacy key at ${file}: start the ledger once (npm start) or configure LEDGER_PRIVACY_*_KEY_FILE`,
      );
    mkdirSync(dirname(file), { recursive: true });
    // Written aside, then linked into place: two processes starting at once never see a half
    // key, and the second keeps the first one's key (link fails if the name exists).
    const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(aside, content(), { mode: 0o600 });
    try {
      linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(aside);
    }
  }
  const { keys, current } = parseMasterKeyFile(readFileSync(files.master, 'utf8'), files.master);
  const indexKey = Buffer.from(readFileSync(files.index, 'utf8').trim(), 'base64');
  if (indexKey.length !== 32) throw new Error(`${files.index}: the blind-index key is the base64 of 32 bytes`);
  return { masterKeys: keys, currentMasterKeyId: current, indexKey };
}

/** Adds a new current master key to the key file (the old ones stay) and returns the reloaded keys. */
export function addMasterKey(env: NodeJS.ProcessEnv, keys: PrivacyKeys): PrivacyKeys {
  const file = keyFiles(env).master;
  let n = keys.masterKeys.size + 1;
  while (keys.masterKeys.has(`m${n}`)) n++;
  appendFileSync(file, newKeyLine(`m${n}`));
  return loadPrivacyKeys(env, { generate: false });
}

/** Fresh keys held in memory (tests, benchmarks). */
export function generatePrivacyKeys(masterIds: string[] = ['m1']): PrivacyKeys {
  return {
    masterKeys: new Map(masterIds.map((id) => [id, randomBytes(32)])),
    currentMasterKeyId: masterIds[masterIds.length - 1]!,
    indexKey: randomBytes(32),
  };
}
