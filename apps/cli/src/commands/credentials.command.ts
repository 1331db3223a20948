import type { Command } from 'commander';
import { EXIT } from '../exit-codes';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { ensureApiSchema } from '../../../api/src/security/api-schema';
import {
  CredentialRequestInvalid,
  CredentialService,
  type CredentialRecord,
} from '../../../api/src/security/credential.service';
import { DEPARTMENT_NAMES } from '../../../api/src/security/departments';

export interface CredentialsCommandDeps {
  write?: (text: string) => void;
  /** Runs `work` with the deployment's credential table (DATABASE_URL or the embedded default). */
  withCredentials?: <T>(work: (credentials: CredentialService) => Promise<T>) => Promise<T>;
}

async function withDeploymentCredentials<T>(work: (credentials: CredentialService) => Promise<T>): Promise<T> {
  const database = await openRuntimeDatabase();
  const pool = createPool(database.url, { max: 2 });
  try {
    await ensureApiSchema(pool);
    return await work(new CredentialService(pool, { cacheMs: 0 }));
  } finally {
    await pool.end();
    await database.close();
  }
}

function formatCredential(c: CredentialRecord): string {
  const state = c.revokedAt ? `REVOKED ${c.revokedAt.toISOString()}` : 'active';
  return `${c.id}  ${c.department}  ${c.principal}  ${state}  issued ${c.createdAt.toISOString()}\n  scopes ${c.scopes.join(' ')}\n`;
}

/** `ledger credentials issue|list|revoke`: department bearer tokens (docs/access.md). */
export function registerCredentialsCommands(program: Command, deps: CredentialsCommandDeps = {}): void {
  const write = deps.write ?? ((text: string) => process.stdout.write(text));
  const withCredentials = deps.withCredentials ?? withDeploymentCredentials;
  const credentials = program.command('credentials').description('department bearer tokens: issue, list, revoke');

  credentials
    .command('issue')
    .description('issue a token for a department; it is printed once and stored only as a hash')
    .requiredOption('--department <department>', `one of ${DEPARTMENT_NAMES.join(', ')}`)
    .requiredOption('--principal <name>', 'who holds it (an office, a system, a person)')
    .option('--scopes <a,b>', 'narrow the department’s default scopes (docs/access.md); never wider')
    .option('--json', 'print JSON')
    .action(async (options: { department: string; principal: string; scopes?: string; json?: boolean }) => {
      const scopes = options.scopes
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      try {
        const { credential, token } = await withCredentials((c) =>
          c.issue({ department: options.department, principal: options.principal, scopes }),
        );
        if (options.json) {
          write(`${JSON.stringify({ ...credential, token })}\n`);
          return;
        }
        write(formatCredential(credential));
        write(`token ${token}\n`);
        write(
          'This token is shown once; the ledger keeps only its SHA-256. Send it as Authorization: Bearer <token>.\n',
        );
      } catch (error) {
        if (!(error instanceof CredentialRequestInvalid)) throw error;
        write(`cannot issue: ${error.message}\n`);
        process.exitCode = EXIT.INVALID;
      }
    });

  credentials
    .command('list')
    .description('list credentials (never their tokens)')
    .option('--active', 'only those not revoked')
    .option('--json', 'one JSON object per line')
    .action(async (options: { active?: boolean; json?: boolean }) => {
      const all = await withCredentials((c) => c.list({ includeRevoked: !options.active }));
      if (all.length === 0) write('no credentials\n');
      for (const credential of all)
        write(options.json ? `${JSON.stringify(credential)}\n` : formatCredential(credential));
    });

  credentials
    .command('revoke <id>')
    .description('revoke a credential; requests with its token get 401 (other API processes: within 5 s)')
    .action(async (id: string) => {
      const revoked = await withCredentials((c) => c.revoke(id));
      if (revoked) {
        write(`revoked ${id}\n`);
        return;
      }
      write(`no active credential ${id}\n`);
      process.exitCode = EXIT.NOT_FOUND;
    });
}
