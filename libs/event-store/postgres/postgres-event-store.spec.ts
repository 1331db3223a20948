import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { describeEventStoreContract } from '../contract/event-store.contract';
import type { ContractHarness } from '../contract/harness';
import { sleep } from '../contract/fixtures';
import { PostgresEventStore } from './postgres-event-store';

async function postgresHarness(): Promise<ContractHarness> {
  const db: TestDatabase = await createTestDatabase('es');
  const store = await PostgresEventStore.connect(db.url, { poolSize: 30 });
  // The append-only trigger (migration 2) refuses these: tampering here plays an owner who
  // switched it off for the session, which the hash chain must still expose.
  const sql = async (text: string, params: unknown[]) => {
    const client = await store.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query(text, params);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    store,
    async appendHoldingTransaction(stream, events, expected, delay) {
      for (;;) {
        const client = await store.pool.connect();
        try {
          await client.query('BEGIN');
          if (delay.before) {
            await client.query('SELECT pg_current_xact_id()'); // take the xid early, then dawdle
            await sleep(delay.before);
          }
          await store.appendWith(client, stream, events, expected);
          if (delay.after) await sleep(delay.after);
          await client.query('COMMIT');
          store.notifyAppended();
          return;
        } catch (error) {
          await client.query('ROLLBACK');
          // The store refuses to write a stream out of order from a transaction older than the
          // stream's last writer; like any serialization failure, the whole transaction retries.
          if ((error as { code?: string }).code !== '40001') throw error;
        } finally {
          client.release();
        }
      }
    },
    tamper: {
      async alterData(stream, revision) {
        await sql(
          `UPDATE event_store.events SET data = data || '{"tampered": true}'
            WHERE stream_name = $1 AND stream_revision = $2`,
          [stream, revision],
        );
      },
      async deleteEvent(stream, revision) {
        await sql('DELETE FROM event_store.events WHERE stream_name = $1 AND stream_revision = $2', [stream, revision]);
      },
      async swapRevisions(stream, a, b) {
        await sql(
          `UPDATE event_store.events SET stream_revision = CASE stream_revision WHEN $2 THEN -1 ELSE stream_revision END
            WHERE stream_name = $1 AND stream_revision = $2`,
          [stream, a],
        );
        await sql('UPDATE event_store.events SET stream_revision = $2 WHERE stream_name = $1 AND stream_revision = $3', [stream, a, b]);
        await sql('UPDATE event_store.events SET stream_revision = $2 WHERE stream_name = $1 AND stream_revision = -1', [stream, b]);
      },
    },
    async dispose() {
      await store.close();
      await db.drop();
    },
  };
}

describeEventStoreContract('PostgreSQL', postgresHarness, { tamper: true });
