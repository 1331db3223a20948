import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { lawfulScopes } from './access-matrix';
import { isApiDepartment, type ApiDepartment } from './departments';
import { hasScope, isWellFormedScope, type Scope } from './scopes';

/** A credential as stored: never the token, only its SHA-256. */
export interface CredentialRecord {
  id: string;
  department: ApiDepartment;
  principal: string;
  scopes: Scope[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** Who is calling, once a bearer token has been checked. */
export interface AuthenticatedCredential {
  id: string;
  department: ApiDepartment;
  principal: string;
  scopes: Scope[];
}

export interface IssueRequest {
  department: string;
  principal: string;
  /** Defaults to the department's lawful scopes; may narrow them, never widen. */
  scopes?: string[];
}

/** A request to issue that cannot be honoured (unknown department, a scope beyond the law). */
export class CredentialRequestInvalid extends Error {}

const TOKEN_PREFIX = 'ledger_';

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

interface Row {
  id: string;
  department: string;
  principal: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

function toRecord(row: Row): CredentialRecord {
  return {
    id: row.id,
    department: row.department as ApiDepartment,
    principal: row.principal,
    scopes: row.scopes,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Issues, lists, revokes and checks department credentials. Tokens are 32 random bytes shown
 * once; the table holds their SHA-256 (a fast hash is enough for 256-bit random secrets, which
 * cannot be guessed, only stolen). `authenticate` caches answers for `cacheMs` so a busy
 * credential costs no query per request; a revocation from another process (the CLI) takes
 * effect within that time, one from this process at once.
 */
export class CredentialService {
  private readonly cache = new Map<string, { credential: AuthenticatedCredential | null; until: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly options: { cacheMs?: number; now?: () => number } = {},
  ) {}

  async issue(request: IssueRequest): Promise<{ credential: CredentialRecord; token: string }> {
    if (!isApiDepartment(request.department)) {
      throw new CredentialRequestInvalid(`unknown department ${JSON.stringify(request.department)}`);
    }
    const department = request.department;
    const principal = request.principal?.trim() ?? '';
    if (!principal || principal.length > 200 || /[\u0000-\u001f\u007f]/.test(principal)) {
      throw new CredentialRequestInvalid('the principal must be 1–200 printable characters');
    }
    const lawful = lawfulScopes(department);
    const scopes = request.scopes ?? lawful;
    if (scopes.length === 0) throw new CredentialRequestInvalid('a credential needs at least one scope');
    for (const scope of scopes) {
      if (!isWellFormedScope(scope)) throw new CredentialRequestInvalid(`malformed scope ${JSON.stringify(scope)}`);
      if (!hasScope(lawful, scope)) {
        throw new CredentialRequestInvalid(
          `${department} may not hold ${scope}: it is outside what the law lets it see or do (docs/access.md)`,
        );
      }
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const { rows } = await this.pool.query<Row>(
      `INSERT INTO api.credentials (id, token_hash, department, principal, scopes)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, department, principal, scopes, created_at, revoked_at`,
      [randomUUID(), hashToken(token), department, principal, [...new Set(scopes)]],
    );
    return { credential: toRecord(rows[0]!), token };
  }

  async list(options: { includeRevoked?: boolean } = {}): Promise<CredentialRecord[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT id, department, principal, scopes, created_at, revoked_at FROM api.credentials
       ${options.includeRevoked === false ? 'WHERE revoked_at IS NULL' : ''} ORDER BY created_at, id`,
    );
    return rows.map(toRecord);
  }

  /** True when this call revoked it; false when it was unknown or already revoked. */
  async revoke(id: string): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
    const { rowCount } = await this.pool.query(
      'UPDATE api.credentials SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [id],
    );
    this.cache.clear();
    return (rowCount ?? 0) > 0;
  }

  /** The credential a bearer token stands for, or null when it is unknown or revoked. */
  async authenticate(token: string): Promise<AuthenticatedCredential | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
    const key = hashToken(token);
    const cacheKey = key.toString('base64');
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > now) return cached.credential;
    const { rows } = await this.pool.query<Row>(
      'SELECT id, department, principal, scopes FROM api.credentials WHERE token_hash = $1 AND revoked_at IS NULL',
      [key],
    );
    const row = rows[0];
    const credential = row
      ? { id: row.id, department: row.department as ApiDepartment, principal: row.principal, scopes: row.scopes }
      : null;
    const cacheMs = this.options.cacheMs ?? 5_000;
    if (cacheMs > 0) {
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(cacheKey, { credential, until: now + cacheMs });
    }
    return credential;
  }
}
