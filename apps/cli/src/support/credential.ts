import type { Pool } from 'pg';
import { ensureApiSchema } from '../../../api/src/security/api-schema';
import { CredentialService, type AuthenticatedCredential } from '../../../api/src/security/credential.service';
import { hasScope } from '../../../api/src/security/scopes';

/** No credential, an unknown or revoked one, or one whose scopes do not cover the command: exit 77. */
export class CliCredentialError extends Error {}

export const TOKEN_OPTION = [
  '--token <token>',
  'the credential to act under (default: the LEDGER_TOKEN variable); the events record its department and principal',
] as const;

/** `--token`, else LEDGER_TOKEN. */
export function tokenOf(options: { token?: unknown }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = typeof options.token === 'string' ? options.token.trim() : env.LEDGER_TOKEN?.trim();
  return token ? token : undefined;
}

/**
 * The credential a CLI command acts under, checked as the API checks a bearer token
 * (apps/api/src/security): active, and holding `scope` when one is needed. The actor an event
 * records is this credential's department and principal, never a name typed on the command line.
 */
export async function actingCredential(pool: Pool, token: string | undefined, scope?: string): Promise<AuthenticatedCredential> {
  if (!token) {
    throw new CliCredentialError(
      'this command acts under a credential: set LEDGER_TOKEN or pass --token (issue one with `ledger credentials issue`)',
    );
  }
  await ensureApiSchema(pool);
  const credential = await new CredentialService(pool, { cacheMs: 0 }).authenticate(token);
  if (!credential) throw new CliCredentialError('the token is not an active credential (unknown or revoked)');
  if (scope && !hasScope(credential.scopes, scope)) {
    throw new CliCredentialError(`${credential.department}/${credential.principal} does not hold ${scope} (docs/access.md)`);
  }
  return credential;
}
