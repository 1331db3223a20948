import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore } from '@ledger/event-store';
import { clockFromEnv } from '@ledger/application';
import { startAuditLog } from '@ledger/audit';
import { loadDeploymentPolicy } from '@ledger/policy';
import { withPersonalDataProtection } from '@ledger/privacy';
import { Projector } from './projector';
import { allProjections } from './registry';

/**
 * The projector as its own process (infra/: two replicas; one applies each projection, the
 * other stands by). Stops cleanly on SIGINT/SIGTERM; a SIGKILL loses nothing, because each
 * batch commits its rows with its checkpoint.
 */
async function main(): Promise<void> {
  const logger = new Logger('projector');
  const clock = clockFromEnv(process.env);
  const database = await openRuntimeDatabase();
  const { store } = await openEventStore(process.env, database.url, { poolSize: 10 });
  const pool = createPool(database.url, { max: 20 });
  const policy = loadDeploymentPolicy();
  // Projections read personal fields decrypted (docs/privacy.md); the audit log reads the store as stored.
  const personal = await withPersonalDataProtection(store, process.env, { generate: false });
  const projector = new Projector({
    store: personal,
    pool,
    projections: allProjections({ store: personal, policy, today: clock.today }),
    clock,
    log: (line) => logger.log(line),
  });
  await projector.start();
  // The verifiable log (docs/audit.md); a production key comes from LEDGER_AUDIT_KEY_FILE.
  const auditLog = await startAuditLog({ store, pool, env: process.env, jurisdiction: policy.packId, generateKey: false, log: (l) => logger.log(l) });
  logger.log(`running ${projector.status().length} projections`);
  const stop = async () => {
    await projector.stop();
    await auditLog.stop();
    await store.close();
    await pool.end();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
