import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { clockFromEnv, LedgerCommandsModule } from '@ledger/application';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { EventStore, openEventStore } from '@ledger/event-store';
import { loadDeploymentPolicy, PolicyView } from '@ledger/policy';
import { withPersonalDataProtection } from '@ledger/privacy';
import { PackArchive } from '@ledger/audit';

export interface Ledger {
  store: EventStore;
  pool: Pool;
  policy: PolicyView;
  commandBus: CommandBus;
}

/** The deployment's store, read-model pool, pack and CommandBus for one CLI command. */
export async function withLedger<T>(work: (ledger: Ledger) => Promise<T>, options: { today?: string } = {}): Promise<T> {
  const clock = clockFromEnv(); // LEDGER_TODAY as npm start reads it; --today wins for one command
  const database = await openRuntimeDatabase();
  const { store: raw } = await openEventStore(process.env, database.url, { poolSize: 4 });
  // Commands store personal fields encrypted, as the API does (docs/privacy.md).
  const store = await withPersonalDataProtection(raw, process.env, { generate: process.env.NODE_ENV !== 'production' });
  const pool = createPool(database.url, { max: 4 });
  const policy = loadDeploymentPolicy();
  // A command decides under this pack: archived, or checked against the archive (docs/audit.md).
  await (await PackArchive.open(pool)).keep(policy);
  const app = await NestFactory.createApplicationContext(
    LedgerCommandsModule.register({ store, policy, today: () => options.today ?? clock.today() }),
    { logger: false },
  );
  try {
    return await work({ store, pool, policy, commandBus: app.get(CommandBus) });
  } finally {
    await app.close();
    await pool.end();
    await store.close();
    await database.close();
  }
}
