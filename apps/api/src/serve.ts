import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore } from '@ledger/event-store';
import type { Clock } from '@ledger/application';
import type { LedgerConfig } from '@ledger/config';
import { loadDeploymentPolicy } from '@ledger/policy';
import { Projector } from '../../projector/src/projector';
import { allProjections } from '../../projector/src/registry';
import { createApp } from './create-app';

/**
 * `npm start`, once main.ts has validated the configuration: the embedded PostgreSQL (or
 * DATABASE_URL), the event store's migrations, and the HTTP API on PORT (default 3000).
 * Ctrl-C closes the API, then stops PostgreSQL cleanly.
 */
export async function serve(config: LedgerConfig, clock: Clock): Promise<void> {
  const logger = new Logger('ledger');
  if (clock.fixedToday) logger.warn(`LEDGER_TODAY=${clock.fixedToday}: every decision is taken as of that date`);
  const database = await openRuntimeDatabase(process.env, (line) => {
    if (/\b(FATAL|PANIC):/.test(line)) logger.warn(line);
  });
  logger.log(database.embedded ? `embedded PostgreSQL ready (${database.url.replace(/:[^:@/]+@/, ':***@')})` : 'using DATABASE_URL');
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
          log: (l) => logger.log(l),
        });
  await projector?.start();
  if (!projector) logger.log('projector off (LEDGER_PROJECTOR): this process serves the API only');
  const app = await createApp({
    store,
    readPool,
    projector,
    execute: { store, policy, today: clock.today },
    clock,
    runtime: { adapter, embeddedDatabase: database.embedded, jurisdiction: policy.packId },
  });
  await app.listen(config.PORT, config.HOST);
  logger.log(`Entitlement Ledger listening on http://${config.HOST}:${config.PORT} (docs at /docs, OpenAPI at /openapi.json)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close().catch(() => undefined);
    await projector?.stop().catch(() => undefined);
    await readPool.end().catch(() => undefined);
    await store.close().catch(() => undefined);
    await database.close();
    logger.log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
