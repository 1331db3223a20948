import type { Pool } from 'pg';
import type { EventStore } from '@ledger/event-store';
import { AuditLogWriter, writerSettingsFromEnv } from './audit-log-writer';
import { PostgresAuditLog } from './postgres-audit-log';
import { loadSigner } from './signer';

/**
 * The verifiable log in a long-running process (`npm start`, apps/projector): opens the schema,
 * loads the signing key (generating the development key into the data folder when none is
 * configured and `generateKey` is set) and follows the store.
 */
export async function startAuditLog(options: {
  store: EventStore;
  pool: Pool;
  env: NodeJS.ProcessEnv;
  jurisdiction: string;
  generateKey: boolean;
  log?: (line: string) => void;
}): Promise<{ log: PostgresAuditLog; stop(): Promise<void> }> {
  const log = await PostgresAuditLog.open(options.pool);
  const signer = loadSigner(options.env, { jurisdiction: options.jurisdiction, generate: options.generateKey });
  if (!signer) options.log?.('audit log: no signing key (LEDGER_AUDIT_KEY_FILE); the tree grows, no checkpoint is signed');
  const writer = new AuditLogWriter(options.store, log, { signer, ...writerSettingsFromEnv(options.env), log: options.log });
  await writer.start();
  return { log, stop: () => writer.stop() };
}
