import type { NoteSigner, PackArchive, PostgresAuditLog } from '@ledger/audit';

export const AUDIT_LOG = Symbol('AUDIT_LOG');

export interface AuditLogDeps {
  log: PostgresAuditLog;
  /** The deployment's checkpoint signer, when this process can read the key. */
  signer?: NoteSigner;
  /** The pack versions this ledger decided under, for re-deciding past decisions. */
  packs: PackArchive;
}

/** The deployment's pack and today, for comparing a decision with today's pack. */
export const AUDIT_EXECUTE_DEPS = Symbol('AUDIT_EXECUTE_DEPS');
