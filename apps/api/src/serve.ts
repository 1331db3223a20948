import 'reflect-metadata';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore } from '@ledger/event-store';
import type { Clock } from '@ledger/application';
import type { LedgerConfig } from '@ledger/config';
import { loadDeploymentPolicy } from '@ledger/policy';
import { Projector } from '../../projector/src/projector';
import { allProjections } from '../../projector/src/registry';
import { createApp } from './create-app';
import { createLedgerLogger } from './observability/logging';

/**
 * `npm start`, once main.ts has validated the configuration: the embedded PostgreSQL (or
 * DATABASE_URL), the event store's migrations, and the HTTP API on PORT (default 3000).
 * Ctrl-C closes the API, then stops PostgreSQL cleanly.
 */
export async function serve(config: LedgerConfig, clock: Clock): Promise<void> {
  const logger = createLedgerLogger({ level: config.LOG_LEVEL });
  if (clock.fixedToday) logger.warn(`LEDGER_TODAY=${clock.fixedToday}: every decision is taken as of that date`);
  const database = await openRuntimeDatabase(process.env, (line) => {
    if (/\b(FATAL|PANIC):/.test(line)) logger.warn({ postgres: line }, 'embedded PostgreSQL');
  });
  logger.info(database.embedded ? `embedded PostgreSQL ready (${database.url.replace(/:[^:@/]+@/, ':***@')})` : 'using DATABASE_URL');
  const { store, adapter } = await openEventStore(process.env, database.url);
  const policy = loadDeploymentPolicy();
  const readPool = createPool(database.url);
  // npm start runs the projector in this process; production runs it apart (infra/).
  const projector =
    !config.LEDGER_PROJECTOR
      ? undefined
      : new Projector({
          store,
          pool: readPool,
          projections: allProjections({ store, policy, today: clock.today }),
          clock,
          log: (l) => logger.info({ component: 'projector' }, l),
        });
  await projector?.start();
  if (!projector) logger.info('projector off (LEDGER_PROJECTOR): this process serves the API only');
  const app = await createApp({
    store,
    readPool,
    projector,
    execute: { store, policy, today: clock.today },
    clock,
    runtime: { adapter, embeddedDatabase: database.embedded, jurisdiction: policy.packId },
  }, { logger });
  await app.listen(config.PORT, config.HOST);
  logger.info(`Entitlement Ledger listening on http://${config.HOST}:${config.PORT} (docs at /docs, OpenAPI at /openapi.json)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    await app.close().catch(() => undefined);
    await projector?.stop().catch(() => undefined);
    await readPool.end().catch(() => undefined);
    await store.close().catch(() => undefined);
    await database.close();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
