import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore } from '@ledger/event-store';
import { ClockConfigurationError, clockFromEnv } from '@ledger/application';
import { loadDeploymentPolicy } from '@ledger/policy';
import { Projector } from '../../projector/src/projector';
import { allProjections } from '../../projector/src/registry';
import { startAuditLog } from '@ledger/audit';
import { withPersonalDataProtection } from '@ledger/privacy';
import { createApp } from './create-app';

/**
 * `npm start`: the embedded PostgreSQL (or DATABASE_URL), the event store's migrations, and
 * the HTTP API on PORT (default 3000). Ctrl-C closes the API, then stops PostgreSQL cleanly.
 */
async function main(): Promise<void> {
  const logger = new Logger('ledger');
  // Before anything starts: a production ledger refuses a fixed date (LEDGER_TODAY).
  const clock = clockFromEnv(process.env);
  if (clock.fixedToday) logger.warn(`LEDGER_TODAY=${clock.fixedToday}: every decision is taken as of that date`);
  const database = await openRuntimeDatabase(process.env, (line) => {
    if (/\b(FATAL|PANIC):/.test(line)) logger.warn(line);
  });
  logger.log(database.embedded ? `embedded PostgreSQL ready (${database.url.replace(/:[^:@/]+@/, ':***@')})` : 'using DATABASE_URL');
  const { store, adapter } = await openEventStore(process.env, database.url);
  // Personal fields encrypted at rest (docs/privacy.md); development keys are made here, never
  // with NODE_ENV=production (replicas each making a key would split the data).
  // The audit log follows the store underneath: it hashes the bytes stored.
  const personal = await withPersonalDataProtection(store, process.env, { generate: process.env.NODE_ENV !== 'production' });
  const policy = loadDeploymentPolicy();
  const readPool = createPool(database.url);
  // npm start runs the projector in this process; production runs it apart (infra/).
  const projector =
    process.env.LEDGER_PROJECTOR === 'off'
      ? undefined
      : new Projector({
          store: personal,
          pool: readPool,
          projections: allProjections({ store: personal, policy, today: clock.today }),
          clock,
          log: (l) => logger.log(l),
        });
  await projector?.start();
  // The verifiable log follows the store beside the projector; the development key is made here.
  const auditLog = projector
    ? await startAuditLog({ store, pool: readPool, env: process.env, jurisdiction: policy.packId, generateKey: true, log: (l) => logger.log(l) })
    : undefined;
  const app = await createApp({
    store: personal,
    readPool,
    projector,
    execute: { store: personal, policy, today: clock.today },
    clock,
    runtime: { adapter, embeddedDatabase: database.embedded, jurisdiction: policy.packId },
  });
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  logger.log(`Entitlement Ledger listening on http://127.0.0.1:${port} (docs at /docs, OpenAPI at /openapi.json)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close().catch(() => undefined);
    await Promise.all([projector?.stop(), auditLog?.stop()]).catch(() => undefined);
    await readPool.end().catch(() => undefined);
    await store.close().catch(() => undefined);
    await database.close();
    logger.log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ClockConfigurationError) {
    console.error(`configuration: ${error.message}`);
    process.exit(78); // EX_CONFIG: nothing was started
  }
  console.error(error);
  process.exit(1);
});
