import { openRuntimeDatabase } from '@ledger/database';
import { EventStore, openEventStore } from '@ledger/event-store';

/** Runs `work` against the deployment's store (DATABASE_URL or the embedded default), then closes. */
export async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const database = await openRuntimeDatabase();
  const { store } = await openEventStore(process.env, database.url, { poolSize: 4 });
  try {
    return await work(store);
  } finally {
    await store.close();
    await database.close();
  }
}
