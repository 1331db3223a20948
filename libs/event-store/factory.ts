import type { EventStore } from './port';
import { PostgresEventStore } from './postgres/postgres-event-store';

export type AdapterName = 'postgres' | 'eventstoredb';

/**
 * The deployment's store: EventStoreDB / KurrentDB when EVENTSTORE_CONNECTION_STRING is set,
 * otherwise PostgreSQL at `databaseUrl` (the embedded default or DATABASE_URL).
 */
export async function openEventStore(
  env: NodeJS.ProcessEnv,
  databaseUrl: string,
  options: { poolSize?: number } = {},
): Promise<{ store: EventStore; adapter: AdapterName }> {
  const esdb = env.EVENTSTORE_CONNECTION_STRING;
  if (esdb) {
    // Loaded only when chosen: the gRPC client costs start-up time nobody else should pay.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./eventstoredb/eventstoredb-event-store') as typeof import('./eventstoredb/eventstoredb-event-store');
    return { store: EventStoreDbEventStore.connect(esdb), adapter: 'eventstoredb' };
  }
  // Issue 16: the store runs as ledger_appender (read and append, never change an event) unless
  // LEDGER_EVENT_STORE_ROLE names another role, or is empty to run as the connecting owner.
  const role = env.LEDGER_EVENT_STORE_ROLE ?? 'ledger_appender';
  return {
    store: await PostgresEventStore.connect(databaseUrl, { ...options, ...(role ? { role } : {}) }),
    adapter: 'postgres',
  };
}
