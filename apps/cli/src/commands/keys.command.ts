import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadSigner } from '@ledger/audit';
import { loadPrivacyKeys } from '@ledger/privacy';
import { EXIT } from '../exit-codes';

/** The files `keys generate` writes, named as the data folder names its development keys. */
export const KEY_FILES = {
  privacyMaster: 'privacy-master-keys',
  privacyIndex: 'privacy-index-key',
  auditSigning: 'audit-signing-key.pem',
} as const;

/**
 * `ledger keys generate --out DIR`: a deployment's three secret keys, made once, for a secret
 * store (infra/kubernetes: `kubectl create secret generic ledger-keys --from-file=DIR/`). The
 * processes never make keys under NODE_ENV=production: replicas each making their own would split
 * the data. Existing files are never overwritten: a lost privacy master key loses every worker's
 * personal fields.
 */
export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('the deployment’s secret keys (privacy master and blind-index keys, audit signing key)');
  keys
    .command('generate')
    .description(`write the three keys into a new folder (${Object.values(KEY_FILES).join(', ')}); exit 2 if any of them exists`)
    .requiredOption('--out <dir>', 'the folder to write them into')
    .option('--jurisdiction <id>', 'names the checkpoint signer (LEDGER_AUDIT_ORIGIN may override it at run time)', process.env.LEDGER_JURISDICTION ?? 'panzhihua')
    .action((options: { out: string; jurisdiction: string }) => {
      const dir = resolve(options.out);
      const existing = Object.values(KEY_FILES).filter((f) => existsSync(join(dir, f)));
      if (existing.length > 0) {
        console.error(`${existing.map((f) => join(dir, f)).join(', ')} already exist: keys are never overwritten`);
        process.exitCode = EXIT.INVALID;
        return;
      }
      const env = { LEDGER_DATA_DIR: dir, LEDGER_AUDIT_ORIGIN: process.env.LEDGER_AUDIT_ORIGIN };
      loadPrivacyKeys(env, { generate: true });
      const signer = loadSigner(env, { jurisdiction: options.jurisdiction, generate: true })!;
      for (const f of Object.values(KEY_FILES)) console.log(`wrote ${join(dir, f)}`);
      console.log(`audit verifier key (publish it to auditors): ${signer.verifierKey}`);
    });
}
